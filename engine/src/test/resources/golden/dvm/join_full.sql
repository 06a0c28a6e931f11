-- join_full: Join
-- query: SELECT t.id, u.x FROM t FULL JOIN u ON u.k = t.k AND u.x = t.v
-- Project [t_id, u_x]
--   Join FULL ON u_k = t_k AND u_x = t_v
--     Scan public.t AS t [t_id := id, t_k := k, t_v := v]
--     Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: id integer, x integer
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."t_id" AS "id", f."u_x" AS "x"
FROM (
  SELECT s5."t_id" AS "t_id", s5."u_x" AS "u_x"
  FROM (
    SELECT s3."t_id", s3."t_k", s3."t_v", s4."u_k", s4."u_x"
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) s3
    FULL JOIN (SELECT s2."k" AS "u_k", s2."x" AS "u_x" FROM "public"."u" s2) s4 ON (s4."u_k" = s3."t_k") AND (s4."u_x" = s3."t_v")
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
"__pgt_d3_join" AS (
  SELECT l."t_id", l."t_k", l."t_v", r."u_k", r."u_x", l.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) r ON (r."u_k" = l."t_k") AND (r."u_x" = l."t_v")
  UNION ALL
  SELECT l."t_id", l."t_k", l."t_v", r."u_k", r."u_x", r.__pgt_w AS __pgt_w
  FROM (
    SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
    FROM "public"."t" s1
  ) l
  JOIN "__pgt_d2_scan" r ON (r."u_k" = l."t_k") AND (r."u_x" = l."t_v")
  UNION ALL
  SELECT l."t_id", l."t_k", l."t_v", r."u_k", r."u_x", -(l.__pgt_w * r.__pgt_w) AS __pgt_w
  FROM "__pgt_d1_scan" l
  JOIN "__pgt_d2_scan" r ON (r."u_k" = l."t_k") AND (r."u_x" = l."t_v")
  UNION ALL
  SELECT p."t_id", p."t_k", p."t_v", NULL::text AS "u_k", NULL::integer AS "u_x", p.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" p
  WHERE NOT EXISTS (
    SELECT 1
    FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) o
    WHERE (o."u_k" = p."t_k") AND (o."u_x" = p."t_v")
  )
  UNION ALL
  SELECT c."t_id", c."t_k", c."t_v", NULL::text AS "u_k", NULL::integer AS "u_x", c.__pgt_w * (
    (CASE WHEN a.n1 = 0 THEN 1 ELSE 0 END) - (CASE WHEN a.n1 - b.dn = 0 THEN 1 ELSE 0 END)
  ) AS __pgt_w
  FROM (
    SELECT p."t_id", p."t_k", p."t_v", 1::bigint AS __pgt_w
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) p
    WHERE EXISTS (
      SELECT 1
      FROM "__pgt_d2_scan" o
      WHERE (o."u_k" = p."t_k") AND (o."u_x" = p."t_v")
    )
    UNION ALL
    SELECT p."t_id", p."t_k", p."t_v", -p.__pgt_w AS __pgt_w
    FROM "__pgt_d1_scan" p
    WHERE EXISTS (
      SELECT 1
      FROM "__pgt_d2_scan" o
      WHERE (o."u_k" = p."t_k") AND (o."u_x" = p."t_v")
    )
  ) c
  CROSS JOIN LATERAL (
    SELECT count(*) AS n1
    FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) o
    WHERE (o."u_k" = c."t_k") AND (o."u_x" = c."t_v")
  ) a
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(o.__pgt_w), 0) AS dn
    FROM "__pgt_d2_scan" o
    WHERE (o."u_k" = c."t_k") AND (o."u_x" = c."t_v")
  ) b
  WHERE (a.n1 = 0) <> (a.n1 - b.dn = 0)
  UNION ALL
  SELECT NULL::integer AS "t_id", NULL::text AS "t_k", NULL::integer AS "t_v", p."u_k", p."u_x", p.__pgt_w AS __pgt_w
  FROM "__pgt_d2_scan" p
  WHERE NOT EXISTS (
    SELECT 1
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) o
    WHERE (p."u_k" = o."t_k") AND (p."u_x" = o."t_v")
  )
  UNION ALL
  SELECT NULL::integer AS "t_id", NULL::text AS "t_k", NULL::integer AS "t_v", c."u_k", c."u_x", c.__pgt_w * (
    (CASE WHEN a.n1 = 0 THEN 1 ELSE 0 END) - (CASE WHEN a.n1 - b.dn = 0 THEN 1 ELSE 0 END)
  ) AS __pgt_w
  FROM (
    SELECT p."u_k", p."u_x", 1::bigint AS __pgt_w
    FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) p
    WHERE EXISTS (
      SELECT 1
      FROM "__pgt_d1_scan" o
      WHERE (p."u_k" = o."t_k") AND (p."u_x" = o."t_v")
    )
    UNION ALL
    SELECT p."u_k", p."u_x", -p.__pgt_w AS __pgt_w
    FROM "__pgt_d2_scan" p
    WHERE EXISTS (
      SELECT 1
      FROM "__pgt_d1_scan" o
      WHERE (p."u_k" = o."t_k") AND (p."u_x" = o."t_v")
    )
  ) c
  CROSS JOIN LATERAL (
    SELECT count(*) AS n1
    FROM (
      SELECT s1."id" AS "t_id", s1."k" AS "t_k", s1."v" AS "t_v"
      FROM "public"."t" s1
    ) o
    WHERE (c."u_k" = o."t_k") AND (c."u_x" = o."t_v")
  ) a
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(o.__pgt_w), 0) AS dn
    FROM "__pgt_d1_scan" o
    WHERE (c."u_k" = o."t_k") AND (c."u_x" = o."t_v")
  ) b
  WHERE (a.n1 = 0) <> (a.n1 - b.dn = 0)
),
"__pgt_d4_project" AS (
  SELECT s."t_id" AS "t_id", s."u_x" AS "u_x", s.__pgt_w AS __pgt_w
  FROM "__pgt_d3_join" s
)
SELECT d."t_id" AS "id", d."u_x" AS "x", d.__pgt_w AS __pgt_w
FROM "__pgt_d4_project" d
