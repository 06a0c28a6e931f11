SELECT region, count(DISTINCT tier) AS tiers FROM customers GROUP BY region
