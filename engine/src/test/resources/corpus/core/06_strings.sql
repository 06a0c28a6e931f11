SELECT id, length(name) AS len, name || '-' || coalesce(region, '?') AS label FROM customers
