SELECT player, game, COALESCE(lag(points) OVER (PARTITION BY player ORDER BY game), 0) AS prev FROM scores
