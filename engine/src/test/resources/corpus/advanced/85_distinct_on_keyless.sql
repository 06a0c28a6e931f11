SELECT DISTINCT ON (sku) sku, qty, price FROM items ORDER BY sku, qty NULLS FIRST, price NULLS FIRST
