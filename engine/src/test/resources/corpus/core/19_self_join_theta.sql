SELECT a.id AS a_id, b.id AS b_id FROM orders a JOIN orders b ON a.cust_id = b.cust_id AND a.id < b.id
