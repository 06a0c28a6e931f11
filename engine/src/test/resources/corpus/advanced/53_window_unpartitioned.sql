SELECT sku, price, dense_rank() OVER (ORDER BY price NULLS LAST) FROM products
