SELECT sum(value) AS s, count(value) AS n FROM readings
