SELECT c.id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cust_id = c.id) AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.player = c.name)
