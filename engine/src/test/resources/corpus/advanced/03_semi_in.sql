SELECT id, amount FROM orders WHERE cust_id IN (SELECT id FROM customers WHERE region = 'eu')
