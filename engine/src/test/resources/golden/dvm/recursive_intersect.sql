-- recursive_intersect: RecursiveRef
-- query: WITH RECURSIVE reach(a, b) AS ((SELECT src, dst FROM edges INTERSECT SELECT dst, src FROM edges) UNION SELECT r.a, e.dst FROM reach r JOIN edges e ON e.src = r.b) SELECT a, b FROM reach
-- Project [reach_a, reach_b]
--   RecursiveCte __pgt_rec_reach_a UNION [reach_a, reach_b]
--     INTERSECT
--       Project [edges_src, edges_dst]
--         Scan public.edges AS edges [edges_src := src, edges_dst := dst]
--       Project [edges_dst_2, edges_src_2]
--         Scan public.edges AS edges [edges_src_2 := src, edges_dst_2 := dst]
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
  SELECT s8."reach_a" AS "reach_a", s8."reach_b" AS "reach_b"
  FROM (
    WITH RECURSIVE "__pgt_rec_reach_a"("reach_a", "reach_b") AS (
      SELECT s5."edges_src" AS "src", s5."edges_dst" AS "dst"
      FROM (
        SELECT s2."edges_src" AS "edges_src", s2."edges_dst" AS "edges_dst"
        FROM (
          SELECT s1."src" AS "edges_src", s1."dst" AS "edges_dst"
          FROM "public"."edges" s1
        ) s2
      ) s5
      INTERSECT
      SELECT s6."edges_dst_2", s6."edges_src_2"
      FROM (
        SELECT s4."edges_dst_2" AS "edges_dst_2", s4."edges_src_2" AS "edges_src_2"
        FROM (
          SELECT s3."src" AS "edges_src_2", s3."dst" AS "edges_dst_2"
          FROM "public"."edges" s3
        ) s4
      ) s6
      UNION
      SELECT r1."reach_a", x2."e_dst"
      FROM "__pgt_rec_reach_a" r1
      CROSS JOIN (
        SELECT s7."src" AS "e_src", s7."dst" AS "e_dst"
        FROM "public"."edges" s7
      ) x2
      WHERE (x2."e_src" = r1."reach_b")
    )
    SELECT *
    FROM "__pgt_rec_reach_a"
  ) s8
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
"__pgt_d4_scan" AS (
  SELECT d."src" AS "edges_src_2", d."dst" AS "edges_dst_2", d.__pgt_w AS __pgt_w
  FROM w_edges d
),
"__pgt_d5_project" AS (
  SELECT s."edges_dst_2" AS "edges_dst_2", s."edges_src_2" AS "edges_src_2", s.__pgt_w AS __pgt_w
  FROM "__pgt_d4_scan" s
),
"__pgt_d6_setop_touched" AS (
  SELECT "src", "dst", sum(CASE WHEN side = 'L' THEN __pgt_w ELSE 0 END)::bigint AS da, sum(CASE WHEN side = 'R' THEN __pgt_w ELSE 0 END)::bigint AS db
  FROM (
    SELECT s."edges_src" AS "src", s."edges_dst" AS "dst", s.__pgt_w, 'L' AS side
    FROM "__pgt_d3_project" s
    UNION ALL
    SELECT s."edges_dst_2" AS "src", s."edges_src_2" AS "dst", s.__pgt_w, 'R' AS side
    FROM "__pgt_d5_project" s
  ) t
  GROUP BY "src", "dst"
),
"__pgt_d7_intersect" AS (
  SELECT t."src", t."dst", (
    (
      CASE WHEN (coalesce(a.n, 0)) > 0 AND (coalesce(b.n, 0)) > 0 THEN 1 ELSE 0 END
    ) - (
      CASE WHEN ((coalesce(a.n, 0) - t.da)) > 0 AND ((coalesce(b.n, 0) - t.db)) > 0 THEN 1 ELSE 0 END
    )
  )::bigint AS __pgt_w
  FROM "__pgt_d6_setop_touched" t
  LEFT JOIN (
    SELECT s."edges_src" AS "src", s."edges_dst" AS "dst", count(*) AS n
    FROM (
      SELECT s4."edges_src" AS "edges_src", s4."edges_dst" AS "edges_dst"
      FROM (
        SELECT *
        FROM (
          SELECT s2."edges_src" AS "edges_src", s2."edges_dst" AS "edges_dst"
          FROM (
            SELECT s1."src" AS "edges_src", s1."dst" AS "edges_dst"
            FROM "public"."edges" s1
          ) s2
        ) s3
        WHERE (
          (s3."edges_src", s3."edges_dst") IN (
            SELECT "src", "dst"
            FROM "__pgt_d6_setop_touched"
            WHERE "src" IS NOT NULL AND "dst" IS NOT NULL
          )
        )
      ) s4
      UNION ALL
      SELECT s8."edges_src" AS "edges_src", s8."edges_dst" AS "edges_dst"
      FROM (
        SELECT *
        FROM (
          SELECT s6."edges_src" AS "edges_src", s6."edges_dst" AS "edges_dst"
          FROM (
            SELECT s5."src" AS "edges_src", s5."dst" AS "edges_dst"
            FROM "public"."edges" s5
          ) s6
        ) s7
        WHERE (
          EXISTS (
            SELECT 1
            FROM "__pgt_d6_setop_touched" k
            WHERE k."src" IS NULL OR k."dst" IS NULL
          ) AND EXISTS (
            SELECT 1
            FROM "__pgt_d6_setop_touched" k
            WHERE (k."src" IS NULL OR k."dst" IS NULL) AND k."src" IS NOT DISTINCT FROM s7."edges_src" AND k."dst" IS NOT DISTINCT FROM s7."edges_dst"
          )
        )
      ) s8
    ) s
    GROUP BY 1, 2
  ) a ON t."src" IS NOT DISTINCT FROM a."src" AND t."dst" IS NOT DISTINCT FROM a."dst"
  LEFT JOIN (
    SELECT s."edges_dst_2" AS "src", s."edges_src_2" AS "dst", count(*) AS n
    FROM (
      SELECT s4."edges_dst_2" AS "edges_dst_2", s4."edges_src_2" AS "edges_src_2"
      FROM (
        SELECT *
        FROM (
          SELECT s2."edges_dst_2" AS "edges_dst_2", s2."edges_src_2" AS "edges_src_2"
          FROM (
            SELECT s1."src" AS "edges_src_2", s1."dst" AS "edges_dst_2"
            FROM "public"."edges" s1
          ) s2
        ) s3
        WHERE (
          (s3."edges_dst_2", s3."edges_src_2") IN (
            SELECT "src", "dst"
            FROM "__pgt_d6_setop_touched"
            WHERE "src" IS NOT NULL AND "dst" IS NOT NULL
          )
        )
      ) s4
      UNION ALL
      SELECT s8."edges_dst_2" AS "edges_dst_2", s8."edges_src_2" AS "edges_src_2"
      FROM (
        SELECT *
        FROM (
          SELECT s6."edges_dst_2" AS "edges_dst_2", s6."edges_src_2" AS "edges_src_2"
          FROM (
            SELECT s5."src" AS "edges_src_2", s5."dst" AS "edges_dst_2"
            FROM "public"."edges" s5
          ) s6
        ) s7
        WHERE (
          EXISTS (
            SELECT 1
            FROM "__pgt_d6_setop_touched" k
            WHERE k."src" IS NULL OR k."dst" IS NULL
          ) AND EXISTS (
            SELECT 1
            FROM "__pgt_d6_setop_touched" k
            WHERE (k."src" IS NULL OR k."dst" IS NULL) AND k."src" IS NOT DISTINCT FROM s7."edges_dst_2" AND k."dst" IS NOT DISTINCT FROM s7."edges_src_2"
          )
        )
      ) s8
    ) s
    GROUP BY 1, 2
  ) b ON t."src" IS NOT DISTINCT FROM b."src" AND t."dst" IS NOT DISTINCT FROM b."dst"
  WHERE (
    (
      CASE WHEN (coalesce(a.n, 0)) > 0 AND (coalesce(b.n, 0)) > 0 THEN 1 ELSE 0 END
    ) - (
      CASE WHEN ((coalesce(a.n, 0) - t.da)) > 0 AND ((coalesce(b.n, 0) - t.db)) > 0 THEN 1 ELSE 0 END
    )
  ) <> 0
),
"__pgt_d8_recursive_ref" AS (
  SELECT NULL::integer AS "reach_a", NULL::integer AS "reach_b", 0::bigint AS __pgt_w
  WHERE false
),
"__pgt_d9_scan" AS (
  SELECT d."src" AS "e_src", d."dst" AS "e_dst", d.__pgt_w AS __pgt_w
  FROM w_edges d
),
"__pgt_d10_join" AS (
  SELECT l."reach_a", l."reach_b", r."e_src", r."e_dst", l.__pgt_w AS __pgt_w
  FROM "__pgt_d8_recursive_ref" l
  JOIN (
    SELECT s1."src" AS "e_src", s1."dst" AS "e_dst"
    FROM "public"."edges" s1
  ) r ON (r."e_src" = l."reach_b")
  UNION ALL
  SELECT l."reach_a", l."reach_b", r."e_src", r."e_dst", r.__pgt_w AS __pgt_w
  FROM (SELECT "reach_a", "reach_b" FROM "__pgt_d1_recursive_old") l
  JOIN "__pgt_d9_scan" r ON (r."e_src" = l."reach_b")
  UNION ALL
  SELECT l."reach_a", l."reach_b", r."e_src", r."e_dst", -(l.__pgt_w * r.__pgt_w) AS __pgt_w
  FROM "__pgt_d8_recursive_ref" l
  JOIN "__pgt_d9_scan" r ON (r."e_src" = l."reach_b")
),
"__pgt_d11_project" AS (
  SELECT s."reach_a" AS "reach_a", s."e_dst" AS "e_dst", s.__pgt_w AS __pgt_w
  FROM "__pgt_d10_join" s
),
"__pgt_d12_recursive" AS (
  SELECT "reach_a", "reach_b", 1::bigint AS __pgt_w
  FROM (
    WITH RECURSIVE "__pgt_sn___pgt_rec_reach_a"("reach_a", "reach_b") AS (
      SELECT "reach_a", "reach_b"
      FROM (
        SELECT "reach_a", "reach_b", sum(__pgt_w)::bigint AS __pgt_n
        FROM (
          SELECT d."src" AS "reach_a", d."dst" AS "reach_b", d.__pgt_w AS __pgt_w
          FROM "__pgt_d7_intersect" d
          UNION ALL
          SELECT d."reach_a" AS "reach_a", d."e_dst" AS "reach_b", d.__pgt_w AS __pgt_w
          FROM "__pgt_d11_project" d
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
      SELECT s5."edges_src" AS "src", s5."edges_dst" AS "dst"
      FROM (
        SELECT s2."edges_src" AS "edges_src", s2."edges_dst" AS "edges_dst"
        FROM (
          SELECT s1."src" AS "edges_src", s1."dst" AS "edges_dst"
          FROM "public"."edges" s1
        ) s2
      ) s5
      INTERSECT
      SELECT s6."edges_dst_2", s6."edges_src_2"
      FROM (
        SELECT s4."edges_dst_2" AS "edges_dst_2", s4."edges_src_2" AS "edges_src_2"
        FROM (
          SELECT s3."src" AS "edges_src_2", s3."dst" AS "edges_dst_2"
          FROM "public"."edges" s3
        ) s4
      ) s6
      UNION
      SELECT r1."reach_a", x2."e_dst"
      FROM "__pgt_rec_reach_a" r1
      CROSS JOIN (
        SELECT s7."src" AS "e_src", s7."dst" AS "e_dst"
        FROM "public"."edges" s7
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
"__pgt_d13_project" AS (
  SELECT s."reach_a" AS "reach_a", s."reach_b" AS "reach_b", s.__pgt_w AS __pgt_w
  FROM "__pgt_d12_recursive" s
)
SELECT d."reach_a" AS "a", d."reach_b" AS "b", d.__pgt_w AS __pgt_w
FROM "__pgt_d13_project" d
