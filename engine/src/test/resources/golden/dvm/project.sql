-- project: Project
-- query: SELECT id, coalesce(k, '-') || v AS label, v * 2 AS twice FROM t
-- Project [t_id, label := coalesce(t_k, '-') || t_v, twice := t_v * 2]
--   Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, label text, twice integer
-- Row id: hash of id (unique)

-- FULL
SELECT f."t_id" AS "id", f."label" AS "label", f."twice" AS "twice"
FROM (
  SELECT s2."t_id" AS "t_id", coalesce(s2."t_k", '-') || s2."t_v" AS "label", s2."t_v" * 2 AS "twice"
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
  SELECT s."t_id" AS "t_id", coalesce(s."t_k", '-') || s."t_v" AS "label", s."t_v" * 2 AS "twice", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
)
SELECT d."t_id" AS "id", d."label" AS "label", d."twice" AS "twice", d.__pgt_w AS __pgt_w
FROM "__pgt_d2_project" d
