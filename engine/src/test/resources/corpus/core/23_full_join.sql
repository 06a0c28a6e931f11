SELECT c.id AS cid, o.id AS oid FROM customers c FULL JOIN orders o ON o.cust_id = c.id
