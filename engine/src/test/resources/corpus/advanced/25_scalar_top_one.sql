SELECT c.id, (SELECT o.amount FROM orders o WHERE o.cust_id = c.id ORDER BY o.amount DESC NULLS LAST, o.id LIMIT 1) AS top FROM customers c
