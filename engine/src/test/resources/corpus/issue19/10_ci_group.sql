SELECT label, count(*) AS n, sum(qty) AS total FROM labels GROUP BY label
