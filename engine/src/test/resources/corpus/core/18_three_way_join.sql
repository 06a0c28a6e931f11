SELECT o.id, c.name, i.sku FROM orders o JOIN customers c ON c.id = o.cust_id JOIN items i ON i.order_id = o.id
