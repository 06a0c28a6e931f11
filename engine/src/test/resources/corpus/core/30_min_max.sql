SELECT status, min(amount) AS lo, max(amount) AS hi FROM orders GROUP BY status
