-- aggregate_scalar: Aggregate
-- query: SELECT count(*) AS n, sum(x) AS total FROM u
-- Project [count, sum]
--   Aggregate keys [] aggregates [count := count(*), sum := sum(u_x)]
--     Scan public.u AS u [u_x := x]
-- Maintained: GROUP BY maintained algebraically: each touched group's state is updated from the change window
-- Storage: n bigint, total bigint, __pgt_count bigint, __pgt_nn_sum bigint
-- Row id: single row

-- FULL
SELECT f."count" AS "n", f."sum" AS "total", f."pgtcount" AS "__pgt_count", f."pgtnn_sum" AS "__pgt_nn_sum"
FROM (
  SELECT s3."count" AS "count", s3."sum" AS "sum", s3."pgtcount" AS "pgtcount", s3."pgtnn_sum" AS "pgtnn_sum"
  FROM (
    SELECT count(*) AS "count", sum(s2."u_x") AS "sum", count(*) AS "pgtcount", count(s2."u_x") AS "pgtnn_sum"
    FROM (SELECT s1."x" AS "u_x" FROM "public"."u" s1) s2
  ) s3
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d2_aggregate_change" AS (
  SELECT sum(s.__pgt_w)::bigint AS "pgtcount", sum(CASE WHEN true THEN s.__pgt_w ELSE 0 END)::bigint AS "count", sum(CASE WHEN true THEN s.__pgt_w * (s."u_x") END) AS "pgtsum_sum", sum(CASE WHEN (s."u_x") IS NOT NULL AND true THEN s.__pgt_w ELSE 0 END)::bigint AS "pgtnn_sum"
  FROM "__pgt_d1_scan" s
  HAVING count(*) > 0
),
"__pgt_d3_aggregate_state" AS (
  SELECT coalesce(o."__pgt_count", 0) + d."pgtcount" AS "pgtcount", coalesce(o."n", 0) + d."count" AS "count", coalesce(o."__pgt_nn_sum", 0) + d."pgtnn_sum" AS "pgtnn_sum", CASE WHEN coalesce(o."__pgt_nn_sum", 0) + d."pgtnn_sum" = 0 THEN NULL ELSE (
    coalesce(o."total", '0'::bigint) + coalesce(d."pgtsum_sum", '0'::bigint)
  )::bigint END AS "sum"
  FROM "__pgt_d2_aggregate_change" d
  LEFT JOIN st o ON true
)
SELECT n."count" AS "n", n."sum" AS "total", n."pgtcount" AS "__pgt_count", n."pgtnn_sum" AS "__pgt_nn_sum", 1::bigint AS __pgt_w
FROM "__pgt_d3_aggregate_state" n
UNION ALL
SELECT o."n", o."total", o."__pgt_count", o."__pgt_nn_sum", -1::bigint AS __pgt_w
FROM st o
WHERE EXISTS (SELECT 1 FROM "__pgt_d2_aggregate_change")
