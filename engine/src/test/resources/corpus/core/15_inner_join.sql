SELECT o.id, c.name, o.amount FROM orders o JOIN customers c ON c.id = o.cust_id
