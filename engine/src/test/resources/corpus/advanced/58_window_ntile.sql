SELECT player, game, ntile(2) OVER (PARTITION BY player ORDER BY game), percent_rank() OVER (PARTITION BY player ORDER BY game) FROM scores
