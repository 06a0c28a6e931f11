SELECT x, count(*) FROM (SELECT cust_id AS x FROM orders UNION ALL SELECT id FROM customers) u GROUP BY x
