-- union_all: UnionAll
-- query: SELECT k, v FROM t UNION ALL SELECT k, x FROM u
-- UnionAll [k, v]
--   Project [t_k, t_v]
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
--   Project [u_k, u_x]
--     Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: k text, v integer
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."k" AS "k", f."v" AS "v"
FROM (
  SELECT s3."t_k" AS "k", s3."t_v" AS "v"
  FROM (
    SELECT s2."t_k" AS "t_k", s2."t_v" AS "t_v"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
  ) s3
  UNION ALL
  SELECT s6."u_k" AS "k", s6."u_x" AS "v"
  FROM (
    SELECT s5."u_k" AS "u_k", s5."u_x" AS "u_x"
    FROM (SELECT s4."k" AS "u_k", s4."x" AS "u_x" FROM "public"."u" s4) s5
  ) s6
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_project" AS (
  SELECT s."t_k" AS "t_k", s."t_v" AS "t_v", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
),
"__pgt_d3_scan" AS (
  SELECT d."k" AS "u_k", d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d4_project" AS (
  SELECT s."u_k" AS "u_k", s."u_x" AS "u_x", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_scan" s
),
"__pgt_d5_union" AS (
  SELECT s."t_k" AS "k", s."t_v" AS "v", s.__pgt_w AS __pgt_w
  FROM "__pgt_d2_project" s
  UNION ALL
  SELECT s."u_k" AS "k", s."u_x" AS "v", s.__pgt_w AS __pgt_w
  FROM "__pgt_d4_project" s
)
SELECT d."k" AS "k", d."v" AS "v", d.__pgt_w AS __pgt_w
FROM "__pgt_d5_union" d
