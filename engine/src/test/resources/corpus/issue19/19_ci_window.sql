SELECT id, label, rank() OVER (PARTITION BY label ORDER BY id) AS r FROM labels
