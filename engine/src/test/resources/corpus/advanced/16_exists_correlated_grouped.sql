SELECT id FROM customers c WHERE EXISTS (SELECT o.cust_id FROM orders o WHERE o.cust_id = c.id GROUP BY o.cust_id HAVING sum(o.amount) > 50)
