-- values: Values
-- query: SELECT t.id, v.label FROM t JOIN (VALUES ('a', 'A'), ('b', 'B'), ('b', 'B')) AS v(k, label) ON v.k = t.k
-- Project [t_id, v_label]
--   Join INNER ON v_k = t_k
--     Scan public.t AS t [t_id := id, t_k := k]
--     Values [v_k, v_label] (3 rows)
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, label text
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."t_id" AS "id", f."v_label" AS "label"
FROM (
  SELECT s5."t_id" AS "t_id", s5."v_label" AS "v_label"
  FROM (
    SELECT s3."t_id", s3."t_k", s4."v_k", s4."v_label"
    FROM (SELECT s1."id" AS "t_id", s1."k" AS "t_k" FROM "public"."t" s1) s3
    JOIN (
      SELECT s2."v_k", s2."v_label"
      FROM (VALUES ('a', 'A'), ('b', 'B'), ('b', 'B')) s2("v_k", "v_label")
    ) s4 ON (s4."v_k" = s3."t_k")
  ) s5
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_values" AS (
  SELECT NULL::text AS "v_k", NULL::text AS "v_label", 0::bigint AS __pgt_w
  WHERE false
),
"__pgt_d3_join" AS (
  SELECT l."t_id", l."t_k", r."v_k", r."v_label", l.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN (
    SELECT s1."v_k", s1."v_label"
    FROM (VALUES ('a', 'A'), ('b', 'B'), ('b', 'B')) s1("v_k", "v_label")
  ) r ON (r."v_k" = l."t_k")
  UNION ALL
  SELECT l."t_id", l."t_k", r."v_k", r."v_label", r.__pgt_w AS __pgt_w
  FROM (SELECT s1."id" AS "t_id", s1."k" AS "t_k" FROM "public"."t" s1) l
  JOIN "__pgt_d2_values" r ON (r."v_k" = l."t_k")
  UNION ALL
  SELECT l."t_id", l."t_k", r."v_k", r."v_label", -(l.__pgt_w * r.__pgt_w) AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN "__pgt_d2_values" r ON (r."v_k" = l."t_k")
),
"__pgt_d4_project" AS (
  SELECT s."t_id" AS "t_id", s."v_label" AS "v_label", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_join" s
)
SELECT d."t_id" AS "id", d."v_label" AS "label", d.__pgt_w AS __pgt_w
FROM "__pgt_d4_project" d
