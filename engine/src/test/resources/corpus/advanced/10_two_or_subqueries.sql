SELECT id FROM orders o WHERE (EXISTS (SELECT 1 FROM items i WHERE i.order_id = o.id) OR o.status = 'open') AND (o.cust_id IN (SELECT id FROM customers WHERE region = 'us') OR o.amount > 60)
