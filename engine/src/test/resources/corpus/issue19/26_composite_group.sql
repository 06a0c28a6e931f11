SELECT pair, count(*) AS n FROM labels GROUP BY pair
