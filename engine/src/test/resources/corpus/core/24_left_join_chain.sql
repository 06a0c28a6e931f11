SELECT c.id, o.id AS oid, i.sku FROM customers c LEFT JOIN orders o ON o.cust_id = c.id LEFT JOIN items i ON i.order_id = o.id
