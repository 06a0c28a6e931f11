SELECT d.id, s.x FROM docs d CROSS JOIN LATERAL unnest(d.tags) AS s(x)
