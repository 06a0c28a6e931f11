SELECT d.id, t.tag FROM docs d LEFT JOIN LATERAL unnest(d.tags) AS t(tag) ON true
