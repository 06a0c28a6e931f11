-- union: UnionAll
-- query: SELECT k FROM t UNION SELECT k FROM u
-- Distinct
--   UnionAll [k]
--     Project [t_k]
--       Scan public.t AS t [t_id := id, t_k := k]
--     Project [u_k]
--       Scan public.u AS u [u_k := k]
-- Maintained: DISTINCT kept with a count per row (__pgt_count) in the storage table
-- Storage: k text, __pgt_count bigint
-- Row id: hash of k (unique)

-- FULL
SELECT f."k" AS "k", f."pgtcount" AS "__pgt_count"
FROM (
  SELECT s8."k" AS "k", s8."pgtcount" AS "pgtcount"
  FROM (
    SELECT s7."k" AS "k", count(*) AS "pgtcount"
    FROM (
      SELECT s3."t_k" AS "k"
      FROM (
        SELECT s2."t_k" AS "t_k"
        FROM (SELECT s1."id" AS "t_id", s1."k" AS "t_k" FROM "public"."t" s1) s2
      ) s3
      UNION ALL
      SELECT s6."u_k" AS "k"
      FROM (
        SELECT s5."u_k" AS "u_k"
        FROM (SELECT s4."k" AS "u_k" FROM "public"."u" s4) s5
      ) s6
    ) s7
    GROUP BY 1
  ) s8
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_project" AS (
  SELECT s."t_k" AS "t_k", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
),
"__pgt_d3_scan" AS (
  SELECT d."k" AS "u_k", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d4_project" AS (
  SELECT s."u_k" AS "u_k", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_scan" s
),
"__pgt_d5_union" AS (
  SELECT s."t_k" AS "k", s.__pgt_w AS __pgt_w
  FROM "__pgt_d2_project" s
  UNION ALL
  SELECT s."u_k" AS "k", s.__pgt_w AS __pgt_w
  FROM "__pgt_d4_project" s
),
"__pgt_d6_distinct_touched" AS (
  SELECT "k", sum(__pgt_w)::bigint AS dw
  FROM "__pgt_d5_union"
  GROUP BY "k"
  HAVING sum(__pgt_w) <> 0
),
"__pgt_d7_distinct_merged" AS (
  SELECT v."k", coalesce(o."__pgt_count", 0) + v.dw AS "pgtcount"
  FROM "__pgt_d6_distinct_touched" v
  LEFT JOIN st o ON o.__pgt_row_id = hash_record_extended(ROW(v."k"), 0) AND o."k" IS NOT DISTINCT FROM v."k"
)
SELECT m."k" AS "k", m."pgtcount" AS "__pgt_count", 1::bigint AS __pgt_w
FROM "__pgt_d7_distinct_merged" m
WHERE m."pgtcount" > 0
UNION ALL
SELECT o."k", o."__pgt_count", -1::bigint AS __pgt_w
FROM st o
WHERE o.__pgt_row_id IN (
  SELECT hash_record_extended(ROW(v."k"), 0)
  FROM "__pgt_d6_distinct_touched" v
)
