SELECT weight >= 10 AS heavy, count(*) AS n, max(weight) AS heaviest FROM shipments_us GROUP BY 1
