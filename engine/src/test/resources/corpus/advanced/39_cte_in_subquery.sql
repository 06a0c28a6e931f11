SELECT id FROM customers WHERE id IN (WITH x AS (SELECT cust_id FROM orders WHERE status = 'open') SELECT cust_id FROM x)
