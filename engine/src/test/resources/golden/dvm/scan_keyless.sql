-- scan_keyless: Scan
-- query: SELECT k, x FROM u
-- Project [u_k, u_x]
--   Scan public.u AS u [u_k := k, u_x := x]
-- Maintained: the query's delta is applied to the storage table
-- Storage: k text, x integer
-- Row id: hash of the whole row (duplicates share it)

-- FULL
SELECT f."u_k" AS "k", f."u_x" AS "x"
FROM (
  SELECT s2."u_k" AS "u_k", s2."u_x" AS "u_x"
  FROM (SELECT s1."k" AS "u_k", s1."x" AS "u_x" FROM "public"."u" s1) s2
) f

-- DELTA
WITH "__pgt_d1_scan" AS (
  SELECT d."k" AS "u_k", d."x" AS "u_x", d.__pgt_w AS __pgt_w
  FROM w_u d
),
"__pgt_d2_project" AS (
  SELECT s."u_k" AS "u_k", s."u_x" AS "u_x", s.__pgt_w AS __pgt_w
  FROM "__pgt_d1_scan" s
)
SELECT d."u_k" AS "k", d."u_x" AS "x", d.__pgt_w AS __pgt_w
FROM "__pgt_d2_project" d
