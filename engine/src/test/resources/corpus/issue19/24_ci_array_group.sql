SELECT names, count(*) AS n FROM labels GROUP BY names
