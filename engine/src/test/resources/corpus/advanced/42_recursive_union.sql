WITH RECURSIVE reach(id) AS (SELECT id FROM nodes WHERE label = 'a' UNION SELECT n.id FROM nodes n JOIN reach r ON n.parent_id = r.id) SELECT id FROM reach
