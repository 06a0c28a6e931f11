SELECT c.region, count(*) AS n, sum(o.amount) AS total FROM open_orders o JOIN customers c ON c.id = o.cust_id GROUP BY c.region
