SELECT order_id, sku, qty FROM items WHERE qty >= 2
