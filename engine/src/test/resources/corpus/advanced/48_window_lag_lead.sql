SELECT player, game, points, lag(points) OVER (PARTITION BY player ORDER BY game) AS prev, lead(points, 1, 0) OVER (PARTITION BY player ORDER BY game) AS next FROM scores
