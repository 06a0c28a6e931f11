SELECT id, amount FROM orders ORDER BY amount DESC NULLS LAST, id LIMIT 5
