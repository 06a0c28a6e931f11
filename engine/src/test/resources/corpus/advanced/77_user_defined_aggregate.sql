SELECT cust_id, product_agg(qty::numeric) FROM orders GROUP BY cust_id
