SELECT id, CASE WHEN amount > (SELECT avg(price) FROM products) THEN 'hi' ELSE 'lo' END AS band FROM orders
