-- aggregate_inner: Aggregate
-- query: SELECT u.x, c.n FROM u JOIN (SELECT k, count(*) AS n FROM t GROUP BY k) c ON c.k = u.k
-- Project [u_x, count]
--   Join INNER ON t_k = u_k
--     Scan public.u AS u [u_k := k, u_x := x]
--     Project [t_k, count]
--       Aggregate keys [t_k] aggregates [count := count(*)]
--         Scan public.t AS t [t_id := id, t_k := k]
-- Maintained: the query's delta is applied to the storage table
-- Storage: x integer, n bigint
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."u_x" AS "x", f."count" AS "n"
FROM (
  SELECT s7."u_x" AS "u_x", s7."count" AS "count"
  FROM (
    SELECT s5."u_k", s5."u_x", s6."t_k", s6."count"
    FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) s5
    JOIN (
      SELECT s4."t_k" AS "t_k", s4."count" AS "count"
      FROM (
        SELECT s3."t_k" AS "t_k", count(*) AS "count"
        FROM (SELECT s2."id" AS "t_id", s2."k" AS "t_k" FROM "public"."t" s2) s3
        GROUP BY 1
      ) s4
    ) s6 ON (s6."t_k" = s5."u_k")
  ) s7
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."k" AS "u_k", d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d2_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d3_keys" AS (
  SELECT DISTINCT s."t_k" AS "t_k"
  FROM "__pgt_d2_scan" s
),
"__pgt_d4_aggregate" AS (
  SELECT "t_k", "count", 1::bigint AS __pgt_w
  FROM (
    SELECT s7."t_k" AS "t_k", count(*) AS "count"
    FROM (
      SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k"
      FROM (
        SELECT *
        FROM (SELECT s1."id" AS "t_id", s1."k" AS "t_k" FROM "public"."t" s1) s2
        WHERE (
          s2."t_k" IN (SELECT "t_k" FROM "__pgt_d3_keys" WHERE "t_k" IS NOT NULL)
        )
      ) s3
      UNION ALL
      SELECT s6."t_id" AS "t_id", s6."t_k" AS "t_k"
      FROM (
        SELECT *
        FROM (SELECT s4."id" AS "t_id", s4."k" AS "t_k" FROM "public"."t" s4) s5
        WHERE (
          EXISTS (SELECT 1 FROM "__pgt_d3_keys" k WHERE k."t_k" IS NULL) AND EXISTS (
            SELECT 1
            FROM "__pgt_d3_keys" k
            WHERE (k."t_k" IS NULL) AND k."t_k" IS NOT DISTINCT FROM s5."t_k"
          )
        )
      ) s6
    ) s7
    GROUP BY 1
  ) n
  UNION ALL
  SELECT "t_k", "count", -1::bigint AS __pgt_w
  FROM (
    SELECT s7."t_k" AS "t_k", count(*) AS "count"
    FROM (
      SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k"
      FROM (
        SELECT *
        FROM (
          SELECT s1."id" AS "t_id", s1."k" AS "t_k"
          FROM (
            SELECT t."id", t."k"
            FROM "public"."t" t
            WHERE NOT EXISTS (SELECT 1 FROM w_t d WHERE d.__pgt_w > 0 AND d."id" = t."id")
            UNION ALL
            SELECT d."id", d."k"
            FROM w_t d
            CROSS JOIN LATERAL generate_series(1, -d.__pgt_w)
            WHERE d.__pgt_w < 0
          ) s1
        ) s2
        WHERE (
          s2."t_k" IN (SELECT "t_k" FROM "__pgt_d3_keys" WHERE "t_k" IS NOT NULL)
        )
      ) s3
      UNION ALL
      SELECT s6."t_id" AS "t_id", s6."t_k" AS "t_k"
      FROM (
        SELECT *
        FROM (
          SELECT s4."id" AS "t_id", s4."k" AS "t_k"
          FROM (
            SELECT t."id", t."k"
            FROM "public"."t" t
            WHERE NOT EXISTS (SELECT 1 FROM w_t d WHERE d.__pgt_w > 0 AND d."id" = t."id")
            UNION ALL
            SELECT d."id", d."k"
            FROM w_t d
            CROSS JOIN LATERAL generate_series(1, -d.__pgt_w)
            WHERE d.__pgt_w < 0
          ) s4
        ) s5
        WHERE (
          EXISTS (SELECT 1 FROM "__pgt_d3_keys" k WHERE k."t_k" IS NULL) AND EXISTS (
            SELECT 1
            FROM "__pgt_d3_keys" k
            WHERE (k."t_k" IS NULL) AND k."t_k" IS NOT DISTINCT FROM s5."t_k"
          )
        )
      ) s6
    ) s7
    GROUP BY 1
  ) o
),
"__pgt_d5_project" AS (
  SELECT s."t_k" AS "t_k", s."count" AS "count", s.__pgt_w AS __pgt_w
  FROM "__pgt_d4_aggregate" s
),
"__pgt_d6_join" AS (
  SELECT l."u_k", l."u_x", r."t_k", r."count", l.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN (
    SELECT s3."t_k" AS "t_k", s3."count" AS "count"
    FROM (
      SELECT s2."t_k" AS "t_k", count(*) AS "count"
      FROM (SELECT s1."id" AS "t_id", s1."k" AS "t_k" FROM "public"."t" s1) s2
      GROUP BY 1
    ) s3
  ) r ON (r."t_k" = l."u_k")
  UNION ALL
  SELECT l."u_k", l."u_x", r."t_k", r."count", r.__pgt_w AS __pgt_w
  FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) l
  JOIN "__pgt_d5_project" r ON (r."t_k" = l."u_k")
  UNION ALL
  SELECT l."u_k", l."u_x", r."t_k", r."count", -(l.__pgt_w * r.__pgt_w) AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN "__pgt_d5_project" r ON (r."t_k" = l."u_k")
),
"__pgt_d7_project" AS (
  SELECT s."u_x" AS "u_x", s."count" AS "count", s.__pgt_w AS __pgt_w
  FROM "__pgt_d6_join" s
)
SELECT d."u_x" AS "x", d."count" AS "n", d.__pgt_w AS __pgt_w
FROM "__pgt_d7_project" d
