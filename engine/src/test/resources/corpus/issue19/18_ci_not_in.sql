SELECT id, label FROM labels WHERE label NOT IN (SELECT label FROM label_links WHERE label IS NOT NULL)
