SELECT cust_id, jsonb_agg(id ORDER BY id) AS ids, json_object_agg(id, amount ORDER BY id) AS amounts FROM orders GROUP BY cust_id
