SELECT order_id, o.amount, i.sku, i.qty FROM (SELECT id AS order_id, amount FROM orders WHERE status = 'open') o FULL JOIN items i USING (order_id)
