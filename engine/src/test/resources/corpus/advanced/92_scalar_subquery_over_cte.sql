WITH totals AS (SELECT cust_id, sum(amount) AS s FROM orders GROUP BY cust_id) SELECT c.id, (SELECT s FROM totals t WHERE t.cust_id = c.id) AS total FROM customers c
