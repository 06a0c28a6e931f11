SELECT id, COALESCE(region, 'none') AS r, NULLIF(tier, 'gold') AS t FROM customers
