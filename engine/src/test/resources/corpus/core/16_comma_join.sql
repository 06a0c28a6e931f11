SELECT o.id, c.name FROM orders o, customers c WHERE c.id = o.cust_id AND c.region = 'eu'
