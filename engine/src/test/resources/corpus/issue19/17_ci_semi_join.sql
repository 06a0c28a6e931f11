SELECT id FROM labels t WHERE EXISTS (SELECT 1 FROM label_links l WHERE l.label = t.label)
