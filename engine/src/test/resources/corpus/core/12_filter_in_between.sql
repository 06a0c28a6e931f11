SELECT id, status FROM orders WHERE status IN ('open', 'hold') AND qty BETWEEN 1 AND 5
