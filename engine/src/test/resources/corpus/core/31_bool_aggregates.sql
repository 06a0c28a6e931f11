SELECT category, bool_and(active) AS all_active, bool_or(active) AS any_active FROM products GROUP BY category
