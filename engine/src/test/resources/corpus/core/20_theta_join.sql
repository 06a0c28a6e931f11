SELECT o.id, p.sku FROM orders o JOIN products p ON o.amount > p.price AND p.category = 'x'
