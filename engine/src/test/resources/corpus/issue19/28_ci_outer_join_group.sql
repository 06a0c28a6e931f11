SELECT l.label, count(t.id) AS n FROM label_links l LEFT JOIN labels t ON t.code = l.label GROUP BY l.label
