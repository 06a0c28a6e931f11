SELECT d.id, u.tag, u.ord FROM docs d CROSS JOIN LATERAL unnest(d.tags) WITH ORDINALITY AS u(tag, ord)
