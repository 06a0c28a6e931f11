SELECT cust_id, public.product_agg(qty::numeric) FROM orders GROUP BY cust_id
