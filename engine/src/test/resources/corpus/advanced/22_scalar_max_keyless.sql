SELECT sku, (SELECT max(price) FROM items i WHERE i.sku = p.sku) AS max_paid FROM products p
