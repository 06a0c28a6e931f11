SELECT id, amount::int AS a, CAST(qty AS text) AS q, created + 1 AS next_day FROM orders
