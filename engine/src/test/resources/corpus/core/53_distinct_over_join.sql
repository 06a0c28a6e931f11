SELECT DISTINCT c.region, o.status FROM orders o JOIN customers c ON c.id = o.cust_id
