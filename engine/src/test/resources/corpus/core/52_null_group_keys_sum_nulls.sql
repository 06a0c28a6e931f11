SELECT cust_id, sum(amount) AS total, max(created) AS last FROM orders WHERE qty < 3 GROUP BY cust_id
