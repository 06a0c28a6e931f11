SELECT status, sum(amount) AS total, rank() OVER (ORDER BY sum(amount) DESC NULLS LAST, status NULLS LAST) FROM orders GROUP BY status
