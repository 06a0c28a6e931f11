SELECT sku, price FROM products WHERE EXISTS (SELECT 1 FROM readings WHERE value > 100)
