SELECT c.id, t.n, t.total FROM customers c LEFT JOIN LATERAL (SELECT count(*) AS n, sum(amount) AS total FROM orders o WHERE o.cust_id = c.id AND o.status = 'open') t ON true
