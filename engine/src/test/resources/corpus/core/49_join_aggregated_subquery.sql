SELECT c.name, s.total FROM customers c JOIN (SELECT cust_id, sum(amount) AS total FROM orders GROUP BY cust_id) s ON s.cust_id = c.id
