-- semi_join: SemiJoin
-- query: SELECT id, k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.x > 1)
-- Project [t_id, t_k]
--   SemiJoin ON u_k = t_k
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
--     Filter u_x > 1
--       Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, k text
-- Row id: hash of id (unique)

-- FULL
SELECT f."t_id" AS "id", f."t_k" AS "k"
FROM (
  SELECT s6."t_id" AS "t_id", s6."t_k" AS "t_k"
  FROM (
    SELECT s4."t_id", s4."t_k", s4."t_v"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s4
    WHERE EXISTS (
      SELECT 1
      FROM (
        SELECT *
        FROM (SELECT s2."k" AS "u_k", s2."x" AS "u_x" FROM "public"."u" s2) s3
        WHERE (s3."u_x" > 1)
      ) s5
      WHERE (s5."u_k" = s4."t_k")
    )
  ) s6
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
"__pgt_d3_filter" AS (
  SELECT *
  FROM "__pgt_d2_scan" s
  WHERE (s."u_x" > 1)
),
"__pgt_d4_semijoin" AS (
  SELECT p."t_id", p."t_k", p."t_v", p.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" p
  WHERE EXISTS (
    SELECT 1
    FROM (
      SELECT *
      FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) s2
      WHERE (s2."u_x" > 1)
    ) o
    WHERE (o."u_k" = p."t_k")
  )
  UNION ALL
  SELECT c."t_id", c."t_k", c."t_v", c.__pgt_w * (
    (CASE WHEN a.n1 > 0 THEN 1 ELSE 0 END) - (CASE WHEN a.n1 - b.dn > 0 THEN 1 ELSE 0 END)
  ) AS __pgt_w
  FROM (
    SELECT p."t_id", p."t_k", p."t_v", 1::bigint AS __pgt_w
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) p
    WHERE EXISTS (SELECT 1 FROM "__pgt_d3_filter" o WHERE (o."u_k" = p."t_k"))
    UNION ALL
    SELECT p."t_id", p."t_k", p."t_v", -p.__pgt_w AS __pgt_w
    FROM "__pgt_d1_scan" p
    WHERE EXISTS (SELECT 1 FROM "__pgt_d3_filter" o WHERE (o."u_k" = p."t_k"))
  ) c
  CROSS JOIN LATERAL (
    SELECT count(*) AS n1
    FROM (
      SELECT *
      FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) s2
      WHERE (s2."u_x" > 1)
    ) o
    WHERE (o."u_k" = c."t_k")
  ) a
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(o.__pgt_w), 0) AS dn
    FROM "__pgt_d3_filter" o
    WHERE (o."u_k" = c."t_k")
  ) b
  WHERE (a.n1 > 0) <> (a.n1 - b.dn > 0)
),
"__pgt_d5_project" AS (
  SELECT s."t_id" AS "t_id", s."t_k" AS "t_k", s.__pgt_w AS __pgt_w
  FROM "__pgt_d4_semijoin" s
)
SELECT d."t_id" AS "id", d."t_k" AS "k", d.__pgt_w AS __pgt_w
FROM "__pgt_d5_project" d
