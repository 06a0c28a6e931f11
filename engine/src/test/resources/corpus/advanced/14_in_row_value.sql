SELECT * FROM scores WHERE (player, game) IN (SELECT name, id FROM customers)
