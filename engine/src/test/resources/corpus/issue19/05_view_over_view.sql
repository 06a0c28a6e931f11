SELECT v.region, v.id, v.amount, i.sku FROM open_order_customers v LEFT JOIN items i ON i.order_id = v.id
