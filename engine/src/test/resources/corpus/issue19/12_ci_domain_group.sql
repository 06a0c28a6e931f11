SELECT code, count(*) AS n, min(id) AS first FROM labels GROUP BY code
