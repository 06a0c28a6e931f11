-- recursive: RecursiveCte
-- query: WITH RECURSIVE reach(a, b) AS (SELECT src, dst FROM edges UNION SELECT r.a, e.dst FROM reach r JOIN edges e ON e.src = r.b) SELECT a, b FROM reach
-- Project [reach_a, reach_b]
--   RecursiveCte __pgt_rec_reach_a UNION [reach_a, reach_b]
--     Project [edges_src, edges_dst]
--       Scan public.edges AS edges [edges_src := src, edges_dst := dst]
--     Project [reach_a, e_dst]
--       Join INNER ON e_src = reach_b
--         RecursiveRef __pgt_rec_reach_a
--         Scan public.edges AS e [e_src := src, e_dst := dst]
-- Maintained: the query's delta is applied to the storage table; the recursive CTE grows by semi-naive evaluation when its sources only gained rows, and is recomputed and compared otherwise
-- Storage: a integer, b integer
-- Row id: hash of a, b (unique)

-- FULL
SELECT f."reach_a" AS "a", f."reach_b" AS "b"
FROM (
  SELECT s4."reach_a" AS "reach_a", s4."reach_b" AS "reach_b"
  FROM (
    WITH RECURSIVE "__pgt_rec_reach_a"("reach_a", "reach_b") AS (
      SELECT s2."edges_src" AS "edges_src", s2."edges_dst" AS "edges_dst"
      FROM (
        SELECT s1."src" AS "edges_src", s1."dst" AS "edges_dst"
        FROM "public"."edges" s1
      ) s2
      UNION
      SELECT r1."reach_a", x2."e_dst"
      FROM "__pgt_rec_reach_a" r1
      CROSS JOIN (
        SELECT s3."src" AS "e_src", s3."dst" AS "e_dst"
        FROM "public"."edges" s3
      ) x2
      WHERE (x2."e_src" = r1."reach_b")
    )
    SELECT *
    FROM "__pgt_rec_reach_a"
  ) s4
) f

-- DELTA
WITH "__pgt_d1_recursive_old" AS (
  SELECT o."a" AS "reach_a", o."b" AS "reach_b"
  FROM st o
),
"__pgt_d2_scan" AS (
  SELECT d."src" AS "edges_src", d."dst" AS "edges_dst", d.__pgt_w AS __pgt_w
  FROM w_edges d
),
"__pgt_d3_project" AS (
  SELECT s."edges_src" AS "edges_src", s."edges_dst" AS "edges_dst", s.__pgt_w AS __pgt_w
  FROM "__pgt_d2_scan" s
),
"__pgt_d4_recursive_ref" AS (
  SELECT NULL::integer AS "reach_a", NULL::integer AS "reach_b", 0::bigint AS __pgt_w
  WHERE false
),
"__pgt_d5_scan" AS (
  SELECT d."src" AS "e_src", d."dst" AS "e_dst", d.__pgt_w AS __pgt_w
  FROM w_edges d
),
"__pgt_d6_join" AS (
  SELECT l."reach_a", l."reach_b", r."e_src", r."e_dst", l.__pgt_w AS __pgt_w
  FROM "__pgt_d4_recursive_ref" l
  JOIN (
    SELECT s1."src" AS "e_src", s1."dst" AS "e_dst"
    FROM "public"."edges" s1
  ) r ON (r."e_src" = l."reach_b")
  UNION ALL
  SELECT l."reach_a", l."reach_b", r."e_src", r."e_dst", r.__pgt_w AS __pgt_w
  FROM (SELECT "reach_a", "reach_b" FROM "__pgt_d1_recursive_old") l
  JOIN "__pgt_d5_scan" r ON (r."e_src" = l."reach_b")
  UNION ALL
  SELECT l."reach_a", l."reach_b", r."e_src", r."e_dst", -(l.__pgt_w * r.__pgt_w) AS __pgt_w
  FROM "__pgt_d4_recursive_ref" l
  JOIN "__pgt_d5_scan" r ON (r."e_src" = l."reach_b")
),
"__pgt_d7_project" AS (
  SELECT s."reach_a" AS "reach_a", s."e_dst" AS "e_dst", s.__pgt_w AS __pgt_w
  FROM "__pgt_d6_join" s
),
"__pgt_d8_recursive" AS (
  SELECT "reach_a", "reach_b", 1::bigint AS __pgt_w
  FROM (
    WITH RECURSIVE "__pgt_sn___pgt_rec_reach_a"("reach_a", "reach_b") AS (
      SELECT "reach_a", "reach_b"
      FROM (
        SELECT "reach_a", "reach_b", sum(__pgt_w)::bigint AS __pgt_n
        FROM (
          SELECT d."edges_src" AS "reach_a", d."edges_dst" AS "reach_b", d.__pgt_w AS __pgt_w
          FROM "__pgt_d3_project" d
          UNION ALL
          SELECT d."reach_a" AS "reach_a", d."e_dst" AS "reach_b", d.__pgt_w AS __pgt_w
          FROM "__pgt_d7_project" d
        ) d
        GROUP BY "reach_a", "reach_b"
        HAVING sum(__pgt_w) > 0
      ) g
      WHERE NOT EXISTS (
        SELECT 1
        FROM "__pgt_d1_recursive_old" o
        WHERE o."reach_a" IS NOT DISTINCT FROM (g."reach_a") AND o."reach_b" IS NOT DISTINCT FROM (g."reach_b")
      )
      UNION
      SELECT r1."reach_a", x2."e_dst"
      FROM "__pgt_sn___pgt_rec_reach_a" r1
      CROSS JOIN (
        SELECT s1."src" AS "e_src", s1."dst" AS "e_dst"
        FROM "public"."edges" s1
      ) x2
      WHERE (x2."e_src" = r1."reach_b") AND (
        NOT EXISTS (
          SELECT 1
          FROM "__pgt_d1_recursive_old" o
          WHERE o."reach_a" IS NOT DISTINCT FROM (r1."reach_a") AND o."reach_b" IS NOT DISTINCT FROM (x2."e_dst")
        )
      )
    )
    SELECT *
    FROM "__pgt_sn___pgt_rec_reach_a"
  ) r
  WHERE ((EXISTS (SELECT 1 FROM w_edges))) AND NOT EXISTS (SELECT 1 FROM w_edges WHERE __pgt_w < 0)
  UNION ALL
  SELECT "reach_a", "reach_b", 1::bigint AS __pgt_w
  FROM (
    WITH RECURSIVE "__pgt_rec_reach_a"("reach_a", "reach_b") AS (
      SELECT s2."edges_src" AS "edges_src", s2."edges_dst" AS "edges_dst"
      FROM (
        SELECT s1."src" AS "edges_src", s1."dst" AS "edges_dst"
        FROM "public"."edges" s1
      ) s2
      UNION
      SELECT r1."reach_a", x2."e_dst"
      FROM "__pgt_rec_reach_a" r1
      CROSS JOIN (
        SELECT s3."src" AS "e_src", s3."dst" AS "e_dst"
        FROM "public"."edges" s3
      ) x2
      WHERE (x2."e_src" = r1."reach_b")
    )
    SELECT *
    FROM "__pgt_rec_reach_a"
  ) n
  WHERE ((EXISTS (SELECT 1 FROM w_edges))) AND NOT (NOT EXISTS (SELECT 1 FROM w_edges WHERE __pgt_w < 0))
  UNION ALL
  SELECT "reach_a", "reach_b", -1::bigint AS __pgt_w
  FROM "__pgt_d1_recursive_old" o
  WHERE ((EXISTS (SELECT 1 FROM w_edges))) AND NOT (NOT EXISTS (SELECT 1 FROM w_edges WHERE __pgt_w < 0))
),
"__pgt_d9_project" AS (
  SELECT s."reach_a" AS "reach_a", s."reach_b" AS "reach_b", s.__pgt_w AS __pgt_w
  FROM "__pgt_d8_recursive" s
)
SELECT d."reach_a" AS "a", d."reach_b" AS "b", d.__pgt_w AS __pgt_w
FROM "__pgt_d9_project" d
