SELECT c.name, (SELECT sum(qty) FROM orders o WHERE o.cust_id = c.id AND o.status = 'done') AS done_qty FROM customers c WHERE c.region IS NOT NULL
