SELECT player, game, points FROM scores
