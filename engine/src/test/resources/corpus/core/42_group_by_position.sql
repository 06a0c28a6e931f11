SELECT date_trunc('month', created) AS month, count(*) AS n FROM orders GROUP BY 1
