WITH RECURSIVE p(id, path) AS (SELECT id, label FROM nodes WHERE parent_id IS NULL UNION ALL SELECT n.id, p.path || '/' || n.label FROM nodes n JOIN p ON n.parent_id = p.id) SELECT id, path FROM p
