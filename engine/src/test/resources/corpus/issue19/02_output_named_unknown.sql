SELECT id AS unknown, name AS current, region AS between FROM customers
