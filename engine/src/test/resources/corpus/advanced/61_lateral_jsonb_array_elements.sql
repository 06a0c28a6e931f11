SELECT d.id, e.value FROM docs d, jsonb_array_elements(d.attrs -> 'list') e
