SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY n DESC, status NULLS LAST LIMIT 2
