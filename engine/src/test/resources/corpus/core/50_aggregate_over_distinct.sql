SELECT x.region, count(*) AS n FROM (SELECT DISTINCT region, tier FROM customers) x GROUP BY x.region
