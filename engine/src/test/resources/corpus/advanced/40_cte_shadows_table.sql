WITH orders AS (SELECT * FROM orders WHERE status = 'done') SELECT cust_id, count(*) FROM orders GROUP BY cust_id
