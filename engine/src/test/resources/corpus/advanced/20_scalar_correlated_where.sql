SELECT id FROM orders o WHERE amount > (SELECT avg(amount) FROM orders o2 WHERE o2.status = o.status)
