SELECT d.id, t.tag FROM docs d CROSS JOIN LATERAL unnest(d.tags) AS t(tag)
