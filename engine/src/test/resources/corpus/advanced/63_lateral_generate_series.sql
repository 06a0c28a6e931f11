SELECT o.id, g FROM orders o, generate_series(1, o.qty) g
