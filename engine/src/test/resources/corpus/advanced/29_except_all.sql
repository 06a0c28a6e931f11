SELECT sku, qty FROM items EXCEPT ALL SELECT sku, qty FROM items WHERE price > 40
