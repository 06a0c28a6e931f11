SELECT id, qty FROM orders WHERE qty NOT IN (SELECT qty FROM items WHERE sku = 'a1')
