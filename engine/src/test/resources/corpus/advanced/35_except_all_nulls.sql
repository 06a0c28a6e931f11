SELECT tier FROM customers EXCEPT ALL SELECT tier FROM customers WHERE region = 'eu'
