SELECT ratio, sum(qty) AS total, count(*) AS n FROM labels GROUP BY ratio
