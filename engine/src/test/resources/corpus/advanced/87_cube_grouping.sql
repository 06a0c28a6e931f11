SELECT status, cust_id IS NULL AS anon, sum(amount), GROUPING(status, cust_id IS NULL) FROM orders GROUP BY CUBE (status, cust_id IS NULL)
