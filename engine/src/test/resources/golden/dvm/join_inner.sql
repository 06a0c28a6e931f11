-- join_inner: Join
-- query: SELECT t.id, t.v, u.x FROM t JOIN u ON u.k = t.k
-- Project [t_id, t_v, u_x]
--   Join INNER ON u_k = t_k
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
--     Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, v integer, x integer
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."t_id" AS "id", f."t_v" AS "v", f."u_x" AS "x"
FROM (
  SELECT s5."t_id" AS "t_id", s5."t_v" AS "t_v", s5."u_x" AS "u_x"
  FROM (
    SELECT s3."t_id", s3."t_k", s3."t_v", s4."u_k", s4."u_x"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s3
    JOIN (SELECT s2."k" AS "u_k", s2."x" AS "u_x" FROM "public"."u" s2) s4 ON (s4."u_k" = s3."t_k")
  ) s5
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_scan" AS (
  SELECT d."k" AS "u_k", d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d3_join" AS (
  SELECT l."t_id", l."t_k", l."t_v", r."u_k", r."u_x", l.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) r ON (r."u_k" = l."t_k")
  UNION ALL
  SELECT l."t_id", l."t_k", l."t_v", r."u_k", r."u_x", r.__pgt_w AS __pgt_w
  FROM (
    SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
    FROM "public"."t" s1
  ) l
  JOIN "__pgt_d2_scan" r ON (r."u_k" = l."t_k")
  UNION ALL
  SELECT l."t_id", l."t_k", l."t_v", r."u_k", r."u_x", -(l.__pgt_w * r.__pgt_w) AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN "__pgt_d2_scan" r ON (r."u_k" = l."t_k")
),
"__pgt_d4_project" AS (
  SELECT s."t_id" AS "t_id", s."t_v" AS "t_v", s."u_x" AS "u_x", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_join" s
)
SELECT d."t_id" AS "id", d."t_v" AS "v", d."u_x" AS "x", d.__pgt_w AS __pgt_w
FROM "__pgt_d4_project" d
