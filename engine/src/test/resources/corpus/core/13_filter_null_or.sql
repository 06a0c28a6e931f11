SELECT id, region FROM customers WHERE region IS NULL OR tier = 'gold'
