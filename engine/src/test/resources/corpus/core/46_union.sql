SELECT name AS who FROM customers UNION SELECT player FROM scores
