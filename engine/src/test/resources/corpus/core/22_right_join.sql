SELECT o.id, c.name FROM customers c RIGHT JOIN orders o ON o.cust_id = c.id
