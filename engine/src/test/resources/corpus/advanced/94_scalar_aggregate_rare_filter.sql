SELECT sum(amount) AS total, count(*) AS n, avg(qty) AS q FROM orders WHERE qty > 4 AND amount > 70
