SELECT c.region, t.n FROM customers c JOIN (SELECT cust_id, count(*) AS n FROM orders GROUP BY cust_id) t ON t.cust_id = c.id WHERE t.n > 1
