SELECT category, string_agg(sku, ',' ORDER BY sku) AS skus, array_agg(price ORDER BY price, sku) AS prices FROM products GROUP BY category
