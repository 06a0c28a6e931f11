SELECT * FROM (SELECT id, cust_id, row_number() OVER (PARTITION BY cust_id ORDER BY amount DESC NULLS LAST, id) AS rn FROM orders) r WHERE rn <= 2
