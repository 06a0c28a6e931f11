SELECT c.name, o.amount FROM orders o JOIN customers c ON c.id = o.cust_id ORDER BY o.amount DESC NULLS LAST, o.id FETCH FIRST 3 ROWS ONLY
