WITH t AS (SELECT cust_id, sum(amount) s FROM orders GROUP BY cust_id) SELECT a.cust_id, a.s, b.s AS other FROM t a JOIN t b ON a.cust_id = b.cust_id + 1
