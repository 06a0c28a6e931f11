SELECT count(DISTINCT label) AS labels, count(DISTINCT code) AS codes FROM labels
