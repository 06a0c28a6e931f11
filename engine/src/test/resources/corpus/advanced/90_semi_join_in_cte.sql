WITH active AS (SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cust_id = c.id AND o.status = 'open')) SELECT region, count(*) FROM active GROUP BY region
