SELECT p.sku, p.category FROM products p JOIN (SELECT sku FROM items INTERSECT SELECT sku FROM products WHERE active) s ON s.sku = p.sku
