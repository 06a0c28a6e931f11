-- lateral_subquery: LateralSubquery
-- query: SELECT t.id, s.n FROM t LEFT JOIN LATERAL (SELECT count(*) AS n FROM u WHERE u.k = t.k) s ON true
-- Project [t_id, s_n]
--   LeftLateral [s_n] := SELECT count(*) WHERE u_k = t_k
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
--     Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, n bigint
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."t_id" AS "id", f."s_n" AS "n"
FROM (
  SELECT s5."t_id" AS "t_id", s5."s_n" AS "s_n"
  FROM (
    SELECT s2."t_id", s2."t_k", s2."t_v", s3."s_n"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s2
    LEFT JOIN LATERAL (
      SELECT count(*) AS "s_n"
      FROM (SELECT s4."k" AS "u_k", s4."x" AS "u_x" FROM "public"."u" s4) __pgt_b
      WHERE (__pgt_b."u_k" = s2."t_k")
    ) s3 ON true
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
"__pgt_d3_keys" AS (
  SELECT DISTINCT s."u_k" AS "k1"
  FROM "__pgt_d2_scan" s
),
"__pgt_d4_subquery_candidates" AS (
  SELECT s."t_id", s."t_k", s."t_v", 1::bigint AS __pgt_w
  FROM (
    SELECT s3."t_id" AS "t_id", s3."t_k" AS "t_k", s3."t_v" AS "t_v"
    FROM (
      SELECT *
      FROM (
        SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
        FROM "public"."t" s1
      ) s2
      WHERE (s2."t_k" IN (SELECT "k1" FROM "__pgt_d3_keys" WHERE "k1" IS NOT NULL))
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
        EXISTS (SELECT 1 FROM "__pgt_d3_keys" k WHERE k."k1" IS NULL) AND EXISTS (
          SELECT 1
          FROM "__pgt_d3_keys" k
          WHERE (k."k1" IS NULL) AND k."k1" IS NOT DISTINCT FROM s5."t_k"
        )
      )
    ) s6
  ) s
  UNION ALL
  SELECT s."t_id", s."t_k", s."t_v", -s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
  WHERE EXISTS (
    SELECT 1
    FROM "__pgt_d3_keys" k
    WHERE k."k1" IS NOT DISTINCT FROM s."t_k"
  )
),
"__pgt_d5_lateral_subquery" AS (
  SELECT l."t_id", l."t_k", l."t_v", q."s_n", l.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" l
  LEFT JOIN LATERAL (
    SELECT count(*) AS "s_n"
    FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) __pgt_b
    WHERE (__pgt_b."u_k" = l."t_k")
  ) q ON true
  UNION ALL
  SELECT c."t_id", c."t_k", c."t_v", q."s_n", c.__pgt_w AS __pgt_w
  FROM "__pgt_d4_subquery_candidates" c
  LEFT JOIN LATERAL (
    SELECT count(*) AS "s_n"
    FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) __pgt_b
    WHERE (__pgt_b."u_k" = c."t_k")
  ) q ON true
  UNION ALL
  SELECT c."t_id", c."t_k", c."t_v", q."s_n", -c.__pgt_w AS __pgt_w
  FROM "__pgt_d4_subquery_candidates" c
  LEFT JOIN LATERAL (
    SELECT count(*) AS "s_n"
    FROM (
      SELECT s1."k" AS "u_k", s1."x" AS "u_x"
      FROM (
        SELECT "k", "x"
        FROM "public"."u"
        EXCEPT ALL
        SELECT d."k", d."x"
        FROM w_u d
        CROSS JOIN LATERAL generate_series(1, d.__pgt_w)
        WHERE d.__pgt_w > 0
        UNION ALL
        SELECT d."k", d."x"
        FROM w_u d
        CROSS JOIN LATERAL generate_series(1, -d.__pgt_w)
        WHERE d.__pgt_w < 0
      ) s1
    ) __pgt_b
    WHERE (__pgt_b."u_k" = c."t_k")
  ) q ON true
),
"__pgt_d6_project" AS (
  SELECT s."t_id" AS "t_id", s."s_n" AS "s_n", s.__pgt_w AS __pgt_w
  FROM "__pgt_d5_lateral_subquery" s
)
SELECT d."t_id" AS "id", d."s_n" AS "n", d.__pgt_w AS __pgt_w
FROM "__pgt_d6_project" d
