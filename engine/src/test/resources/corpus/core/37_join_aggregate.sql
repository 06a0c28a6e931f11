SELECT c.region, sum(o.amount) AS total, count(*) AS n FROM orders o JOIN customers c ON c.id = o.cust_id GROUP BY c.region
