SELECT t.cust_id, g FROM (SELECT cust_id, count(*)::int AS n FROM orders GROUP BY cust_id) t, generate_series(1, t.n) g
