SELECT * FROM (SELECT sku FROM items EXCEPT SELECT sku FROM products WHERE category = 'x') a INTERSECT SELECT sku FROM products
