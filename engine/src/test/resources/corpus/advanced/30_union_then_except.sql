(SELECT name FROM customers UNION SELECT player FROM scores) EXCEPT SELECT name FROM customers WHERE tier = 'gold'
