SELECT DISTINCT region, tier FROM customers
