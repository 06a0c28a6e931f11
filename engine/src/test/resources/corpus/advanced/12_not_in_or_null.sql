SELECT id FROM orders WHERE NOT (cust_id IN (SELECT id FROM customers WHERE tier IS NULL)) OR status IS NULL
