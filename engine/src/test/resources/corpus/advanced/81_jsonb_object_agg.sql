SELECT player, jsonb_object_agg(game, points) FROM scores GROUP BY player
