-- lateral_function: LateralFunction
-- query: SELECT t.id, g.n FROM t CROSS JOIN LATERAL generate_series(1, t.v) AS g(n)
-- Project [t_id, g_n]
--   LateralFunction generate_series(1, t_v) -> [g_n]
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, n integer
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."t_id" AS "id", f."g_n" AS "n"
FROM (
  SELECT s4."t_id" AS "t_id", s4."g_n" AS "g_n"
  FROM (
    SELECT s2."t_id", s2."t_k", s2."t_v", s3."c1" AS "g_n"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
    CROSS JOIN LATERAL generate_series(1, s2."t_v") AS s3("c1")
  ) s4
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_lateral_function" AS (
  SELECT l."t_id", l."t_k", l."t_v", f."c1" AS "g_n", l.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" l
  CROSS JOIN LATERAL generate_series(1, l."t_v") AS f("c1")
),
"__pgt_d3_project" AS (
  SELECT s."t_id" AS "t_id", s."g_n" AS "g_n", s.__pgt_w AS __pgt_w
  FROM "__pgt_d2_lateral_function" s
)
SELECT d."t_id" AS "id", d."g_n" AS "n", d.__pgt_w AS __pgt_w
FROM "__pgt_d3_project" d
