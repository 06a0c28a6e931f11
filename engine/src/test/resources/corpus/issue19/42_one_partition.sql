SELECT id, weight FROM shipments_us_heavy
