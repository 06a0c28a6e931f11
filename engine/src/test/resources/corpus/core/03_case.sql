SELECT id, CASE WHEN amount > 50 THEN 'hi' WHEN amount > 20 THEN 'mid' ELSE 'lo' END AS band FROM orders
