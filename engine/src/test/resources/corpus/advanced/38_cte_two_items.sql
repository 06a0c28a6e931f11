WITH c AS (SELECT id, region FROM customers), o AS (SELECT cust_id, amount FROM orders) SELECT c.region, sum(o.amount) FROM c JOIN o ON o.cust_id = c.id GROUP BY c.region
