SELECT id FROM orders WHERE amount = ANY (SELECT price FROM products WHERE active)
