SELECT t.id, t.label, l.weight FROM labels t JOIN label_links l ON l.label = t.label
