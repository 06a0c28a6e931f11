-- scan: Scan
-- query: SELECT id, k, v FROM t
-- Project [t_id, t_k, t_v]
--   Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, k text, v integer
-- Row id: hash of id (unique)

-- FULL
SELECT f."t_id" AS "id", f."t_k" AS "k", f."t_v" AS "v"
FROM (
  SELECT s2."t_id" AS "t_id", s2."t_k" AS "t_k", s2."t_v" AS "t_v"
  FROM (
    SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
    FROM "public"."t" s1
  ) s2
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_project" AS (
  SELECT s."t_id" AS "t_id", s."t_k" AS "t_k", s."t_v" AS "t_v", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
)
SELECT d."t_id" AS "id", d."t_k" AS "k", d."t_v" AS "v", d.__pgt_w AS __pgt_w
FROM "__pgt_d2_project" d
