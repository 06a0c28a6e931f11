SELECT cust_id, count(amount) AS n_amount, count(*) AS n FROM orders GROUP BY cust_id
