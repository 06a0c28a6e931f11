SELECT status, sum(amount) AS total FROM orders GROUP BY status HAVING count(*) > 2
