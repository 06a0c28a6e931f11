SELECT qty, count(*) AS n FROM labels GROUP BY qty
