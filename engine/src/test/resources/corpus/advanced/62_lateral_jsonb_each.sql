SELECT d.id, kv.key, kv.value FROM docs d CROSS JOIN LATERAL jsonb_each(d.attrs) kv
