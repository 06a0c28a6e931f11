SELECT category, string_agg(DISTINCT sku, ',' ORDER BY sku) FROM products GROUP BY category
