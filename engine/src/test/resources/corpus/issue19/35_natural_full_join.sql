SELECT sku, count(*) AS n, sum(qty) AS units FROM (SELECT sku, category FROM products) p NATURAL FULL JOIN (SELECT sku, qty FROM items) i GROUP BY sku
