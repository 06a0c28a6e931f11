SELECT order_id, sku FROM items UNION ALL SELECT id, status FROM orders
