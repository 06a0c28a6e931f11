SELECT max(amount) AS top, string_agg(status, ',' ORDER BY id) AS s FROM orders WHERE qty > 4 AND amount > 70
