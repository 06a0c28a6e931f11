SELECT status, count(*) FILTER (WHERE amount > 30) AS big, sum(qty) FILTER (WHERE qty > 2) AS q FROM orders GROUP BY status
