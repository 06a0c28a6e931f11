(SELECT sku FROM items UNION SELECT sku FROM products) ORDER BY sku LIMIT 3
