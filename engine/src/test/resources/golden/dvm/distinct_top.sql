-- distinct_top: Distinct
-- query: SELECT DISTINCT k, x FROM u
-- Distinct
--   Project [u_k, u_x]
--     Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: DISTINCT kept with a count per row (__pgt_count) in the storage table
-- Storage: k text, x integer, __pgt_count bigint
-- Row id: hash of k, x (unique)

-- FULL
SELECT f."u_k" AS "k", f."u_x" AS "x", f."pgtcount" AS "__pgt_count"
FROM (
  SELECT s4."u_k" AS "u_k", s4."u_x" AS "u_x", s4."pgtcount" AS "pgtcount"
  FROM (
    SELECT s3."u_k" AS "u_k", s3."u_x" AS "u_x", count(*) AS "pgtcount"
    FROM (
      SELECT s2."u_k" AS "u_k", s2."u_x" AS "u_x"
      FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) s2
    ) s3
    GROUP BY 1, 2
  ) s4
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."k" AS "u_k", d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d2_project" AS (
  SELECT s."u_k" AS "u_k", s."u_x" AS "u_x", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
),
"__pgt_d3_distinct_touched" AS (
  SELECT "u_k", "u_x", sum(__pgt_w)::bigint AS dw
  FROM "__pgt_d2_project"
  GROUP BY "u_k", "u_x"
  HAVING sum(__pgt_w) <> 0
),
"__pgt_d4_distinct_merged" AS (
  SELECT v."u_k", v."u_x", coalesce(o."__pgt_count", 0) + v.dw AS "pgtcount"
  FROM "__pgt_d3_distinct_touched" v
  LEFT JOIN st o ON o.__pgt_row_id = hash_record_extended(ROW(v."u_k", v."u_x"), 0) AND o."k" IS NOT DISTINCT FROM v."u_k" AND o."x" IS NOT DISTINCT FROM v."u_x"
)
SELECT m."u_k" AS "k", m."u_x" AS "x", m."pgtcount" AS "__pgt_count", 1::bigint AS __pgt_w
FROM "__pgt_d4_distinct_merged" m
WHERE m."pgtcount" > 0
UNION ALL
SELECT o."k", o."x", o."__pgt_count", -1::bigint AS __pgt_w
FROM st o
WHERE o.__pgt_row_id IN (
  SELECT hash_record_extended(ROW(v."u_k", v."u_x"), 0)
  FROM "__pgt_d3_distinct_touched" v
)
