SELECT id FROM orders WHERE cust_id IN (SELECT cust_id FROM orders GROUP BY cust_id HAVING count(*) > 3)
