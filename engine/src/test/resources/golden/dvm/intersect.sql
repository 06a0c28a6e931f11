-- intersect: SetOp
-- query: SELECT k, v FROM t INTERSECT SELECT k, x FROM u
-- INTERSECT
--   Project [t_k, t_v]
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
--   Project [u_k, u_x]
--     Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: k text, v integer
-- Row id: hash of k, v (unique)

-- FULL
SELECT f."k" AS "k", f."v" AS "v"
FROM (
  SELECT s5."t_k" AS "k", s5."t_v" AS "v"
  FROM (
    SELECT s2."t_k" AS "t_k", s2."t_v" AS "t_v"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
  ) s5
  INTERSECT
  SELECT s6."u_k", s6."u_x"
  FROM (
    SELECT s4."u_k" AS "u_k", s4."u_x" AS "u_x"
    FROM (SELECT s3."k" AS "u_k", s3."x" AS "u_x" FROM "public"."u" s3) s4
  ) s6
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
"__pgt_d3_scan" AS (
  SELECT d."k" AS "u_k", d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d4_project" AS (
  SELECT s."u_k" AS "u_k", s."u_x" AS "u_x", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_scan" s
),
"__pgt_d5_setop_touched" AS (
  SELECT "k", "v", sum(CASE WHEN side = 'L' THEN __pgt_w ELSE 0 END)::bigint AS da, sum(CASE WHEN side = 'R' THEN __pgt_w ELSE 0 END)::bigint AS db
  FROM (
    SELECT s."t_k" AS "k", s."t_v" AS "v", s.__pgt_w, 'L' AS side
    FROM "__pgt_d2_project" s
    UNION ALL
    SELECT s."u_k" AS "k", s."u_x" AS "v", s.__pgt_w, 'R' AS side
    FROM "__pgt_d4_project" s
  ) t
  GROUP BY "k", "v"
),
"__pgt_d6_intersect" AS (
  SELECT t."k", t."v", (
    (
      CASE WHEN (coalesce(a.n, 0)) > 0 AND (coalesce(b.n, 0)) > 0 THEN 1 ELSE 0 END
    ) - (
      CASE WHEN ((coalesce(a.n, 0) - t.da)) > 0 AND ((coalesce(b.n, 0) - t.db)) > 0 THEN 1 ELSE 0 END
    )
  )::bigint AS __pgt_w
  FROM "__pgt_d5_setop_touched" t
  LEFT JOIN (
    SELECT s."t_k" AS "k", s."t_v" AS "v", count(*) AS n
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
            SELECT "k", "v"
            FROM "__pgt_d5_setop_touched"
            WHERE "k" IS NOT NULL AND "v" IS NOT NULL
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
            FROM "__pgt_d5_setop_touched" k
            WHERE k."k" IS NULL OR k."v" IS NULL
          ) AND EXISTS (
            SELECT 1
            FROM "__pgt_d5_setop_touched" k
            WHERE (k."k" IS NULL OR k."v" IS NULL) AND k."k" IS NOT DISTINCT FROM s7."t_k" AND k."v" IS NOT DISTINCT FROM s7."t_v"
          )
        )
      ) s8
    ) s
    GROUP BY 1, 2
  ) a ON t."k" IS NOT DISTINCT FROM a."k" AND t."v" IS NOT DISTINCT FROM a."v"
  LEFT JOIN (
    SELECT s."u_k" AS "k", s."u_x" AS "v", count(*) AS n
    FROM (
      SELECT s4."u_k" AS "u_k", s4."u_x" AS "u_x"
      FROM (
        SELECT *
        FROM (
          SELECT s2."u_k" AS "u_k", s2."u_x" AS "u_x"
          FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) s2
        ) s3
        WHERE (
          (s3."u_k", s3."u_x") IN (
            SELECT "k", "v"
            FROM "__pgt_d5_setop_touched"
            WHERE "k" IS NOT NULL AND "v" IS NOT NULL
          )
        )
      ) s4
      UNION ALL
      SELECT s8."u_k" AS "u_k", s8."u_x" AS "u_x"
      FROM (
        SELECT *
        FROM (
          SELECT s6."u_k" AS "u_k", s6."u_x" AS "u_x"
          FROM (SELECT s5."k" AS "u_k", s5."x" AS "u_x" FROM "public"."u" s5) s6
        ) s7
        WHERE (
          EXISTS (
            SELECT 1
            FROM "__pgt_d5_setop_touched" k
            WHERE k."k" IS NULL OR k."v" IS NULL
          ) AND EXISTS (
            SELECT 1
            FROM "__pgt_d5_setop_touched" k
            WHERE (k."k" IS NULL OR k."v" IS NULL) AND k."k" IS NOT DISTINCT FROM s7."u_k" AND k."v" IS NOT DISTINCT FROM s7."u_x"
          )
        )
      ) s8
    ) s
    GROUP BY 1, 2
  ) b ON t."k" IS NOT DISTINCT FROM b."k" AND t."v" IS NOT DISTINCT FROM b."v"
  WHERE (
    (
      CASE WHEN (coalesce(a.n, 0)) > 0 AND (coalesce(b.n, 0)) > 0 THEN 1 ELSE 0 END
    ) - (
      CASE WHEN ((coalesce(a.n, 0) - t.da)) > 0 AND ((coalesce(b.n, 0) - t.db)) > 0 THEN 1 ELSE 0 END
    )
  ) <> 0
)
SELECT d."k" AS "k", d."v" AS "v", d.__pgt_w AS __pgt_w
FROM "__pgt_d6_intersect" d
