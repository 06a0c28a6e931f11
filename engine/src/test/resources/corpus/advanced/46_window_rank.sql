SELECT id, cust_id, amount, rank() OVER (PARTITION BY cust_id ORDER BY amount DESC NULLS LAST, id) FROM orders
