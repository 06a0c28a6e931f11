SELECT status, sum(amount) * 100 / NULLIF(sum(qty), 0) AS ratio FROM orders GROUP BY status
