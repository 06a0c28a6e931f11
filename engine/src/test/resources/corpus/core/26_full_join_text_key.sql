SELECT s.player, s.points, c.name FROM scores s FULL JOIN customers c ON c.name = s.player
