WITH big AS (SELECT * FROM orders WHERE amount > 30) SELECT cust_id, count(*) FROM big GROUP BY cust_id
