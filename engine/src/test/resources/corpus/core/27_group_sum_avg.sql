SELECT status, count(*) AS n, sum(amount) AS total, avg(amount) AS mean FROM orders GROUP BY status
