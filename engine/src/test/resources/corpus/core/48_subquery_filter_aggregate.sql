SELECT t.status, t.total FROM (SELECT status, sum(amount) AS total FROM orders GROUP BY status) t WHERE t.total > 50
