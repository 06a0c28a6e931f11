SELECT c.id, c.name, o.id AS order_id FROM customers c LEFT JOIN orders o ON o.cust_id = c.id
