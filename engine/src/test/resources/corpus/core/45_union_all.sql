SELECT id, amount FROM orders WHERE status = 'open' UNION ALL SELECT id, amount FROM orders WHERE status = 'done'
