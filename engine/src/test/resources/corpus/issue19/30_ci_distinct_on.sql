SELECT DISTINCT ON (label) label, id FROM labels ORDER BY label, id
