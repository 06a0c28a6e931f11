SELECT id, amount FROM orders
