SELECT c.region, o.id, count(*) OVER (PARTITION BY c.region) FROM orders o JOIN customers c ON c.id = o.cust_id
