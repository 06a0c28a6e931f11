SELECT cust_id FROM orders INTERSECT SELECT id FROM customers
