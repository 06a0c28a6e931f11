SELECT player, game, rank() OVER (PARTITION BY player ORDER BY points DESC NULLS LAST, game) + 1 AS r1 FROM scores
