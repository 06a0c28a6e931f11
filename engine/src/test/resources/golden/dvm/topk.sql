-- topk: TopK
-- query: SELECT id, v FROM t ORDER BY v DESC NULLS LAST, id LIMIT 3
-- Project [t_id, t_v]
--   TopK ORDER BY t_v DESC NULLS LAST, t_id LIMIT 3
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: the query's delta is applied to the storage table; the top-k (LIMIT 3) is recomputed when a source changed and compared with its previous rows
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
    ORDER BY s2."t_v" DESC NULLS LAST, s2."t_id" LIMIT 3
  ) s3
) f

-- DELTA
WITH "__pgt_d1_topk" AS (
  SELECT "t_id", "t_k", "t_v", 1::bigint AS __pgt_w
  FROM (
    SELECT *
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
    ORDER BY s2."t_v" DESC NULLS LAST, s2."t_id" LIMIT 3
  ) n
  WHERE (EXISTS (SELECT 1 FROM w_t))
  UNION ALL
  SELECT "t_id", "t_k", "t_v", -1::bigint AS __pgt_w
  FROM (
    SELECT *
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM (
        SELECT t."id", t."k", t."v"
        FROM "public"."t" t
        WHERE NOT EXISTS (SELECT 1 FROM w_t d WHERE d.__pgt_w > 0 AND d."id" = t."id")
        UNION ALL
        SELECT d."id", d."k", d."v"
        FROM w_t d
        CROSS JOIN LATERAL generate_series(1, -d.__pgt_w)
        WHERE d.__pgt_w < 0
      ) s1
    ) s2
    ORDER BY s2."t_v" DESC NULLS LAST, s2."t_id" LIMIT 3
  ) o
  WHERE (EXISTS (SELECT 1 FROM w_t))
),
"__pgt_d2_project" AS (
  SELECT s."t_id" AS "t_id", s."t_v" AS "t_v", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_topk" s
)
SELECT d."t_id" AS "id", d."t_v" AS "v", d.__pgt_w AS __pgt_w
FROM "__pgt_d2_project" d
