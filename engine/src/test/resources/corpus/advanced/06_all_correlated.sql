SELECT id FROM orders o WHERE amount > ALL (SELECT price FROM items i WHERE i.order_id = o.id)
