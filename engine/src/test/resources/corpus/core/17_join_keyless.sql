SELECT i.order_id, p.category, i.qty * p.price AS line FROM items i JOIN products p ON p.sku = i.sku
