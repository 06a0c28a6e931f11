SELECT o.id, (SELECT max(s.qty) FROM items s WHERE s.order_id = o.id) AS m, (SELECT count(*) FROM items w WHERE w.sku = 'a1') AS a1 FROM orders o
