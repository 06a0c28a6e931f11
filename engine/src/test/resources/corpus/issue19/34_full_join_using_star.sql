SELECT * FROM (SELECT player, game, points FROM scores WHERE game < 3) s FULL JOIN (SELECT player, count(*) AS games FROM scores GROUP BY player) g USING (player)
