SELECT id, CASE WHEN row_number() OVER (PARTITION BY cust_id ORDER BY id) <= 2 THEN 'early' ELSE 'late' END AS phase FROM orders
