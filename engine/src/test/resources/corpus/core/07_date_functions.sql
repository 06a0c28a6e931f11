SELECT id, date_trunc('month', created::timestamp) AS m, extract(dow FROM created) AS dow FROM orders
