SELECT p.sku, i.order_id FROM products p LEFT JOIN items i ON i.sku = p.sku AND i.qty > 1
