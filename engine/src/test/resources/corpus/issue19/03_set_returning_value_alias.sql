SELECT d.id, item, jsonb_typeof(item) AS kind FROM docs d CROSS JOIN LATERAL jsonb_array_elements(d.attrs -> 'list') AS item WHERE item::text <> '0'
