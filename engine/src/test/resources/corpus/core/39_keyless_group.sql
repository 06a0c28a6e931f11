SELECT sku, sum(qty) AS qty FROM items GROUP BY sku
