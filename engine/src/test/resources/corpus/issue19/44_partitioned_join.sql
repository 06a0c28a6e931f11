SELECT c.region, count(s.id) AS n, sum(s.weight) AS total FROM customers c LEFT JOIN shipments s ON s.cust_id = c.id GROUP BY c.region
