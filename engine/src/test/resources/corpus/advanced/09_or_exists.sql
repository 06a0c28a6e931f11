SELECT id, status FROM orders o WHERE status = 'hold' OR EXISTS (SELECT 1 FROM items i WHERE i.order_id = o.id AND i.qty > 3)
