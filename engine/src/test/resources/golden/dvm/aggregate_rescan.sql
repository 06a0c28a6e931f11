-- aggregate_rescan: Aggregate
-- query: SELECT k, max(v) AS high FROM t GROUP BY k HAVING count(*) > 1
-- Project [t_k, max]
--   Filter count > 1
--     Aggregate keys [t_k] aggregates [max := max(t_v), count := count(*)]
--       Scan public.t AS t [t_id := id, t_k := k, t_v := v]
-- Maintained: GROUP BY maintained by recomputing the touched groups from the sources
-- Storage: k text, high integer
-- Row id: hash of k (unique)

-- FULL
SELECT f."t_k" AS "k", f."max" AS "high"
FROM (
  SELECT s4."t_k" AS "t_k", s4."max" AS "max"
  FROM (
    SELECT *
    FROM (
      SELECT s2."t_k" AS "t_k", max(s2."t_v") AS "max", count(*) AS "count"
      FROM (
        SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
        FROM "public"."t" s1
      ) s2
      GROUP BY 1
    ) s3
    WHERE (s3."count" > 1)
  ) s4
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."id" AS "t_id", d."k" AS "t_k", d."v" AS "t_v", d.__pgt_w AS __pgt_w
  FROM w_t d
),
"__pgt_d2_keys" AS (
  SELECT DISTINCT s."t_k" AS "t_k"
  FROM "__pgt_d1_scan" s
)
SELECT n."t_k" AS "k", n."max" AS "high", 1::bigint AS __pgt_w
FROM (
  SELECT s9."t_k" AS "t_k", s9."max" AS "max"
  FROM (
    SELECT *
    FROM (
      SELECT s7."t_k" AS "t_k", max(s7."t_v") AS "max", count(*) AS "count"
      FROM (
        SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k", s3."t_v" AS "t_v"
        FROM (
          SELECT *
          FROM (
            SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
            FROM "public"."t" s1
          ) s2
          WHERE (
            s2."t_k" IN (SELECT "t_k" FROM "__pgt_d2_keys" WHERE "t_k" IS NOT NULL)
          )
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
            EXISTS (SELECT 1 FROM "__pgt_d2_keys" k WHERE k."t_k" IS NULL) AND EXISTS (
              SELECT 1
              FROM "__pgt_d2_keys" k
              WHERE (k."t_k" IS NULL) AND k."t_k" IS NOT DISTINCT FROM s5."t_k"
            )
          )
        ) s6
      ) s7
      GROUP BY 1
    ) s8
    WHERE (s8."count" > 1)
  ) s9
) n
UNION ALL
SELECT o."k", o."high", -1::bigint AS __pgt_w
FROM st o
WHERE o.__pgt_row_id IN (SELECT hash_record_extended(ROW(k."t_k"), 0) FROM "__pgt_d2_keys" k)
