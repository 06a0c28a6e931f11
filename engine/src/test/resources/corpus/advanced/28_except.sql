SELECT region FROM customers EXCEPT SELECT status FROM orders
