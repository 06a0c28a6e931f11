SELECT id, amount * 2 AS dbl, qty + 1 AS q1, upper(status) AS s FROM orders
