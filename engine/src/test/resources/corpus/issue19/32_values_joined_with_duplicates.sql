SELECT o.id, v.weight, v.column3 FROM orders o JOIN (VALUES (1, 10, 'x'), (2, 20, 'y'), (2, 20, 'y'), (3, NULL, NULL)) v(qty, weight) ON v.qty = o.qty
