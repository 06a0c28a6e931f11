SELECT count(*), sum(amount) FROM (SELECT amount FROM orders ORDER BY amount DESC NULLS LAST, id LIMIT 10) top
