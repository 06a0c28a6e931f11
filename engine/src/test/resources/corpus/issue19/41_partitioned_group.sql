SELECT region, count(*) AS n, sum(weight) AS total FROM shipments GROUP BY region
