SELECT c.id, t.amount FROM customers c CROSS JOIN LATERAL (SELECT o.amount FROM orders o WHERE o.cust_id = c.id ORDER BY o.amount DESC NULLS LAST, o.id LIMIT 2) t
