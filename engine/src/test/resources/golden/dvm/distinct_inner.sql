-- distinct_inner: Distinct
-- query: SELECT k, count(*) AS n FROM (SELECT DISTINCT k, v FROM t) d GROUP BY k
-- Project [t_k, count]
--   Aggregate keys [t_k] aggregates [count := count(*)]
--     Distinct
--       Project [t_k, t_v]
--         Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: GROUP BY maintained algebraically: each touched group's state is updated from the change window
-- Storage: k text, n bigint, __pgt_count bigint
-- Row id: hash of k (unique)

-- FULL
SELECT f."t_k" AS "k", f."count" AS "n", f."pgtcount" AS "__pgt_count"
FROM (
  SELECT s5."t_k" AS "t_k", s5."count" AS "count", s5."pgtcount" AS "pgtcount"
  FROM (
    SELECT s4."t_k" AS "t_k", count(*) AS "count", count(*) AS "pgtcount"
    FROM (
      SELECT DISTINCT *
      FROM (
        SELECT s2."t_k" AS "t_k", s2."t_v" AS "t_v"
        FROM (
          SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
          FROM "public"."t" s1
        ) s2
      ) s3
    ) s4
    GROUP BY 1
  ) s5
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
"__pgt_d3_distinct_touched" AS (
  SELECT "t_k", "t_v", sum(__pgt_w)::bigint AS dw
  FROM "__pgt_d2_project"
  GROUP BY "t_k", "t_v"
  HAVING sum(__pgt_w) <> 0
),
"__pgt_d4_distinct" AS (
  SELECT v."t_k", v."t_v", (
    (CASE WHEN coalesce(n.n1, 0) > 0 THEN 1 ELSE 0 END) - (CASE WHEN coalesce(n.n1, 0) - v.dw > 0 THEN 1 ELSE 0 END)
  )::bigint AS __pgt_w
  FROM "__pgt_d3_distinct_touched" v
  LEFT JOIN (
    SELECT "t_k", "t_v", count(*) AS n1
    FROM (
      SELECT s4."t_k" AS "t_k", s4."t_v" AS "t_v"
      FROM (
        SELECT *
        FROM (
          SELECT s2."t_k" AS "t_k", s2."t_v" AS "t_v"
          FROM (
            SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
            FROM "public"."t" s1
          ) s2
        ) s3
        WHERE (
          (s3."t_k", s3."t_v") IN (
            SELECT "t_k", "t_v"
            FROM "__pgt_d3_distinct_touched"
            WHERE "t_k" IS NOT NULL AND "t_v" IS NOT NULL
          )
        )
      ) s4
      UNION ALL
      SELECT s8."t_k" AS "t_k", s8."t_v" AS "t_v"
      FROM (
        SELECT *
        FROM (
          SELECT s6."t_k" AS "t_k", s6."t_v" AS "t_v"
          FROM (
            SELECT s5."id" AS "t_id", s5."k" AS "t_k", s5."v" AS "t_v"
            FROM "public"."t" s5
          ) s6
        ) s7
        WHERE (
          EXISTS (
            SELECT 1
            FROM "__pgt_d3_distinct_touched" k
            WHERE k."t_k" IS NULL OR k."t_v" IS NULL
          ) AND EXISTS (
            SELECT 1
            FROM "__pgt_d3_distinct_touched" k
            WHERE (k."t_k" IS NULL OR k."t_v" IS NULL) AND k."t_k" IS NOT DISTINCT FROM s7."t_k" AND k."t_v" IS NOT DISTINCT FROM s7."t_v"
          )
        )
      ) s8
    ) s
    GROUP BY "t_k", "t_v"
  ) n ON v."t_k" IS NOT DISTINCT FROM n."t_k" AND v."t_v" IS NOT DISTINCT FROM n."t_v"
  WHERE (coalesce(n.n1, 0) > 0) <> (coalesce(n.n1, 0) - v.dw > 0)
),
"__pgt_d5_aggregate_change" AS (
  SELECT s."t_k" AS "t_k", sum(s.__pgt_w)::bigint AS "pgtcount", sum(CASE WHEN true THEN s.__pgt_w ELSE 0 END)::bigint AS "count"
  FROM "__pgt_d4_distinct" s
  GROUP BY 1
),
"__pgt_d6_aggregate_state" AS (
  SELECT d."t_k", coalesce(o."__pgt_count", 0) + d."pgtcount" AS "pgtcount", coalesce(o."n", 0) + d."count" AS "count"
  FROM "__pgt_d5_aggregate_change" d
  LEFT JOIN st o ON o.__pgt_row_id = hash_record_extended(ROW(d."t_k"), 0) AND o."k" IS NOT DISTINCT FROM d."t_k"
)
SELECT n."t_k" AS "k", n."count" AS "n", n."pgtcount" AS "__pgt_count", 1::bigint AS __pgt_w
FROM "__pgt_d6_aggregate_state" n
WHERE n."pgtcount" > 0
UNION ALL
SELECT o."k", o."n", o."__pgt_count", -1::bigint AS __pgt_w
FROM st o
WHERE o.__pgt_row_id IN (
  SELECT hash_record_extended(ROW(d."t_k"), 0)
  FROM "__pgt_d5_aggregate_change" d
)
