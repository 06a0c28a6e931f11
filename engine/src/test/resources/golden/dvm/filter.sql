-- filter: Filter
-- query: SELECT id, v FROM t WHERE v > 1 OR k IS NULL
-- Project [t_id, t_v]
--   Filter t_v > 1 OR t_k IS NULL
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, v integer
-- Row id: hash of id (unique)

-- FULL
SELECT f."t_id" AS "id", f."t_v" AS "v"
FROM (
  SELECT s3."t_id" AS "t_id", s3."t_v" AS "t_v"
  FROM (
    SELECT *
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
    WHERE (s2."t_v" > 1 OR s2."t_k" IS NULL)
  ) s3
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_filter" AS (
  SELECT *
  FROM "__pgt_d1_scan" s
  WHERE (s."t_v" > 1 OR s."t_k" IS NULL)
),
"__pgt_d3_project" AS (
  SELECT s."t_id" AS "t_id", s."t_v" AS "t_v", s.__pgt_w AS __pgt_w
  FROM "__pgt_d2_filter" s
)
SELECT d."t_id" AS "id", d."t_v" AS "v", d.__pgt_w AS __pgt_w
FROM "__pgt_d3_project" d
