SELECT id, amount FROM orders WHERE cust_id NOT IN (SELECT id FROM customers WHERE tier = 'gold')
