SELECT c.id, c.region, o.amount FROM customers c JOIN orders o USING (id) FULL JOIN (VALUES (1, 'first'), (2, 'second')) AS v(id, note) USING (id)
