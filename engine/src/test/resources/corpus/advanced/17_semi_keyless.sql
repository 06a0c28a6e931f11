SELECT * FROM items i WHERE EXISTS (SELECT 1 FROM products p WHERE p.sku = i.sku AND p.active)
