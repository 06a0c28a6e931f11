SELECT d.id, r.tag, r.n FROM docs d, ROWS FROM (unnest(d.tags), generate_series(1, 2)) AS r(tag, n)
