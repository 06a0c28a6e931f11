SELECT id, amount FROM orders WHERE amount > (SELECT avg(amount) FROM orders)
