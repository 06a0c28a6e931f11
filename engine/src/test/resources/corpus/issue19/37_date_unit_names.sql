SELECT year, month, day, count(*) AS n, max(current) AS latest FROM calendar GROUP BY year, month, day
