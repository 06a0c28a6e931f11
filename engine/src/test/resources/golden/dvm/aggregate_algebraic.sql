-- aggregate_algebraic: Aggregate
-- query: SELECT k, count(*) AS n, sum(v) AS total, avg(v) AS mean FROM t GROUP BY k
-- Project [t_k, count, sum, avg]
--   Aggregate keys [t_k] aggregates [count := count(*), sum := sum(t_v), avg := avg(t_v)]
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: GROUP BY maintained algebraically: each touched group's state is updated from the change window
-- Storage: k text, n bigint, total bigint, mean numeric, __pgt_count bigint, __pgt_nn_sum bigint, __pgt_nn_avg bigint, __pgt_sum_avg bigint
-- Row id: hash of k (unique)

-- FULL
SELECT f."t_k" AS "k", f."count" AS "n", f."sum" AS "total", f."avg" AS "mean", f."pgtcount" AS "__pgt_count", f."pgtnn_sum" AS "__pgt_nn_sum", f."pgtnn_avg" AS "__pgt_nn_avg", f."pgtsum_avg" AS "__pgt_sum_avg"
FROM (
  SELECT s3."t_k" AS "t_k", s3."count" AS "count", s3."sum" AS "sum", s3."avg" AS "avg", s3."pgtcount" AS "pgtcount", s3."pgtnn_sum" AS "pgtnn_sum", s3."pgtnn_avg" AS "pgtnn_avg", s3."pgtsum_avg" AS "pgtsum_avg"
  FROM (
    SELECT s2."t_k" AS "t_k", count(*) AS "count", sum(s2."t_v") AS "sum", avg(s2."t_v") AS "avg", count(*) AS "pgtcount", count(s2."t_v") AS "pgtnn_sum", count(s2."t_v") AS "pgtnn_avg", sum(s2."t_v") AS "pgtsum_avg"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
    GROUP BY 1
  ) s3
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_aggregate_change" AS (
  SELECT s."t_k" AS "t_k", sum(s.__pgt_w)::bigint AS "pgtcount", sum(CASE WHEN true THEN s.__pgt_w ELSE 0 END)::bigint AS "count", sum(CASE WHEN true THEN s.__pgt_w * (s."t_v") END) AS "pgtsum_sum", sum(CASE WHEN (s."t_v") IS NOT NULL AND true THEN s.__pgt_w ELSE 0 END)::bigint AS "pgtnn_sum", sum(CASE WHEN true THEN s.__pgt_w * (s."t_v") END) AS "pgtsum_avg", sum(CASE WHEN (s."t_v") IS NOT NULL AND true THEN s.__pgt_w ELSE 0 END)::bigint AS "pgtnn_avg"
  FROM "__pgt_d1_scan" s
  GROUP BY 1
),
"__pgt_d3_aggregate_state" AS (
  SELECT d."t_k", coalesce(o."__pgt_count", 0) + d."pgtcount" AS "pgtcount", coalesce(o."n", 0) + d."count" AS "count", coalesce(o."__pgt_nn_sum", 0) + d."pgtnn_sum" AS "pgtnn_sum", CASE WHEN coalesce(o."__pgt_nn_sum", 0) + d."pgtnn_sum" = 0 THEN NULL ELSE (
    coalesce(o."total", '0'::bigint) + coalesce(d."pgtsum_sum", '0'::bigint)
  )::bigint END AS "sum", coalesce(o."__pgt_nn_avg", 0) + d."pgtnn_avg" AS "pgtnn_avg", CASE WHEN coalesce(o."__pgt_nn_avg", 0) + d."pgtnn_avg" = 0 THEN NULL ELSE (
    coalesce(o."__pgt_sum_avg", '0'::bigint) + coalesce(d."pgtsum_avg", '0'::bigint)
  )::bigint END AS "pgtsum_avg", CASE WHEN coalesce(o."__pgt_nn_avg", 0) + d."pgtnn_avg" = 0 THEN NULL ELSE (
    (
      coalesce(o."__pgt_sum_avg", '0'::bigint) + coalesce(d."pgtsum_avg", '0'::bigint)
    )::bigint
  )::numeric / (coalesce(o."__pgt_nn_avg", 0) + d."pgtnn_avg") END AS "avg"
  FROM "__pgt_d2_aggregate_change" d
  LEFT JOIN st o ON o.__pgt_row_id = hash_record_extended(ROW(d."t_k"), 0) AND o."k" IS NOT DISTINCT FROM d."t_k"
)
SELECT n."t_k" AS "k", n."count" AS "n", n."sum" AS "total", n."avg" AS "mean", n."pgtcount" AS "__pgt_count", n."pgtnn_sum" AS "__pgt_nn_sum", n."pgtnn_avg" AS "__pgt_nn_avg", n."pgtsum_avg" AS "__pgt_sum_avg", 1::bigint AS __pgt_w
FROM "__pgt_d3_aggregate_state" n
WHERE n."pgtcount" > 0
UNION ALL
SELECT o."k", o."n", o."total", o."mean", o."__pgt_count", o."__pgt_nn_sum", o."__pgt_nn_avg", o."__pgt_sum_avg", -1::bigint AS __pgt_w
FROM st o
WHERE o.__pgt_row_id IN (
  SELECT hash_record_extended(ROW(d."t_k"), 0)
  FROM "__pgt_d2_aggregate_change" d
)
