SELECT DISTINCT ON (cust_id) cust_id, id, amount FROM orders ORDER BY cust_id, amount DESC NULLS LAST, id
