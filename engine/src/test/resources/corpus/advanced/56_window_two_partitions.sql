SELECT id, count(*) OVER (PARTITION BY cust_id) AS per_cust, count(*) OVER (PARTITION BY status) AS per_status FROM orders
