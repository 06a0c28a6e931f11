SELECT c.id, (SELECT count(*) FROM orders o WHERE o.cust_id = c.id) AS n FROM customers c
