SELECT kind, count(*) AS n, sum(n) AS total FROM events GROUP BY kind
