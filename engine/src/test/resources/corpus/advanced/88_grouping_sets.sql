SELECT sku, order_id, sum(qty) FROM items GROUP BY GROUPING SETS ((sku), (order_id), ())
