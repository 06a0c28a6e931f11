SELECT id FROM orders WHERE amount < ANY (SELECT price FROM items i WHERE i.order_id = orders.id)
