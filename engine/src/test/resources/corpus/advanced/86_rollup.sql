SELECT region, tier, count(*) FROM customers GROUP BY ROLLUP (region, tier)
