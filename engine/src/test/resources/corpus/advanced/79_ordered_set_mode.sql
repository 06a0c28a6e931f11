SELECT status, mode() WITHIN GROUP (ORDER BY qty) FROM orders GROUP BY status
