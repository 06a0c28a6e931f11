-- window: Window
-- query: SELECT id, k, rank() OVER (PARTITION BY k ORDER BY v) AS r FROM t
-- Project [t_id, t_k, rank]
--   Window [rank := rank() OVER (PARTITION BY t_k ORDER BY t_v)] partitions [t_k]
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: the query's delta is applied to the storage table; window functions are recomputed for the partitions a change touches
-- Storage: id integer, k text, r bigint
-- Row id: hash of id (unique)

-- FULL
SELECT f."t_id" AS "id", f."t_k" AS "k", f."rank" AS "r"
FROM (
  SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k", s3."rank" AS "rank"
  FROM (
    SELECT s2."t_id", s2."t_k", s2."t_v", rank() OVER (PARTITION BY s2."t_k" ORDER BY s2."t_v") AS "rank"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
  ) s3
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_keys" AS (
  SELECT DISTINCT s."t_k" AS "p1"
  FROM "__pgt_d1_scan" s
),
"__pgt_d3_window" AS (
  SELECT "t_id", "t_k", "t_v", "rank", 1::bigint AS __pgt_w
  FROM (
    SELECT s7."t_id", s7."t_k", s7."t_v", rank() OVER (PARTITION BY s7."t_k" ORDER BY s7."t_v") AS "rank"
    FROM (
      SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k", s3."t_v" AS "t_v"
      FROM (
        SELECT *
        FROM (
          SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
          FROM "public"."t" s1
        ) s2
        WHERE (s2."t_k" IN (SELECT "p1" FROM "__pgt_d2_keys" WHERE "p1" IS NOT NULL))
      ) s3
      UNION ALL
      SELECT s6."t_id" AS "t_id", s6."t_k" AS "t_k", s6."t_v" AS "t_v"
      FROM (
        SELECT *
        FROM (
          SELECT s4."id" AS "t_id", s4."k" AS "t_k", s4."v" AS "t_v"
          FROM "public"."t" s4
        ) s5
        WHERE (
          EXISTS (SELECT 1 FROM "__pgt_d2_keys" k WHERE k."p1" IS NULL) AND EXISTS (
            SELECT 1
            FROM "__pgt_d2_keys" k
            WHERE (k."p1" IS NULL) AND k."p1" IS NOT DISTINCT FROM s5."t_k"
          )
        )
      ) s6
    ) s7
  ) n
  UNION ALL
  SELECT "t_id", "t_k", "t_v", "rank", -1::bigint AS __pgt_w
  FROM (
    SELECT s7."t_id", s7."t_k", s7."t_v", rank() OVER (PARTITION BY s7."t_k" ORDER BY s7."t_v") AS "rank"
    FROM (
      SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k", s3."t_v" AS "t_v"
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
        WHERE (s2."t_k" IN (SELECT "p1" FROM "__pgt_d2_keys" WHERE "p1" IS NOT NULL))
      ) s3
      UNION ALL
      SELECT s6."t_id" AS "t_id", s6."t_k" AS "t_k", s6."t_v" AS "t_v"
      FROM (
        SELECT *
        FROM (
          SELECT s4."id" AS "t_id", s4."k" AS "t_k", s4."v" AS "t_v"
          FROM (
            SELECT t."id", t."k", t."v"
            FROM "public"."t" t
            WHERE NOT EXISTS (SELECT 1 FROM w_t d WHERE d.__pgt_w > 0 AND d."id" = t."id")
            UNION ALL
            SELECT d."id", d."k", d."v"
            FROM w_t d
            CROSS JOIN LATERAL generate_series(1, -d.__pgt_w)
            WHERE d.__pgt_w < 0
          ) s4
        ) s5
        WHERE (
          EXISTS (SELECT 1 FROM "__pgt_d2_keys" k WHERE k."p1" IS NULL) AND EXISTS (
            SELECT 1
            FROM "__pgt_d2_keys" k
            WHERE (k."p1" IS NULL) AND k."p1" IS NOT DISTINCT FROM s5."t_k"
          )
        )
      ) s6
    ) s7
  ) o
),
"__pgt_d4_project" AS (
  SELECT s."t_id" AS "t_id", s."t_k" AS "t_k", s."rank" AS "rank", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_window" s
)
SELECT d."t_id" AS "id", d."t_k" AS "k", d."rank" AS "r", d.__pgt_w AS __pgt_w
FROM "__pgt_d4_project" d
