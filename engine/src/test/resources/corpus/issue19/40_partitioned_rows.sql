SELECT id, region, weight, cust_id FROM shipments
