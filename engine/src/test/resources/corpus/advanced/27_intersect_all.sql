SELECT sku FROM items INTERSECT ALL SELECT sku FROM products WHERE active
