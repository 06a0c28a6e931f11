-- The schema every corpus query reads. NULLs everywhere they make sense; items and readings have no
-- primary key and hold duplicate rows; scores has a composite key; "Odd Table" needs quoting.
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, region text, tier text);
CREATE TABLE orders (id int PRIMARY KEY, cust_id int, amount numeric(10,2), qty int NOT NULL DEFAULT 0, status text, created date);
CREATE TABLE items (order_id int, sku text, qty int, price numeric(8,2));
CREATE TABLE products (sku text PRIMARY KEY, category text, price numeric(8,2), active boolean);
CREATE TABLE scores (player text, game int, points int, PRIMARY KEY (player, game));
CREATE TABLE readings (sensor int, value double precision, note text);
CREATE TABLE "Odd Table" ("Key" int PRIMARY KEY, "Value Col" text, "select" int);
-- docs carries arrays and jsonb for LATERAL set-returning functions; nodes is a forest (parent_id < id
-- always, so recursion over it ends) for recursive CTEs; product_agg is a user-defined aggregate.
CREATE TABLE docs (id int PRIMARY KEY, owner_id int, tags text[], attrs jsonb);
CREATE TABLE nodes (id int PRIMARY KEY, parent_id int, label text NOT NULL);
CREATE AGGREGATE product_agg(numeric) (sfunc = numeric_mul, stype = numeric, initcond = '1');
-- Equality that is not byte equality (issue 19): a case-insensitive ICU collation (nondeterministic),
-- a citext-like domain over it, numerics of several scales, floats with -0, arrays and a composite of
-- them. labels has a key; label_links has none and holds duplicates.
CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE DOMAIN ci_text AS text COLLATE ci;
CREATE TYPE tagged_amount AS (amount numeric, tag ci_text);
CREATE TABLE labels (id int PRIMARY KEY, label text COLLATE ci, code ci_text, qty numeric, ratio double precision,
                     names text[] COLLATE ci, nums numeric[], pair tagged_amount);
CREATE TABLE label_links (label text COLLATE ci, weight int);
-- A view the corpus reads as a source: expanded into the tables beneath it.
CREATE VIEW open_orders AS SELECT id, cust_id, amount FROM orders WHERE status = 'open';
CREATE VIEW open_order_customers AS SELECT o.id, o.amount, c.region FROM open_orders o JOIN customers c ON c.id = o.cust_id;
-- Columns named like date units and keywords, which the engine's parser reads as syntax unless quoted.
CREATE TABLE calendar (id int PRIMARY KEY, year int, month int, day int, "current" text);
-- Partitions and inheritance (issue 19, point 1): shipments is partitioned by region, its 'us' partition
-- partitioned again by weight, with a default partition for the rest (NULL included); events is an
-- inheritance parent with two children, one with a column of its own. The corpus writes through every
-- level of both trees and moves rows between partitions.
CREATE TABLE shipments (id int NOT NULL, region text, weight int NOT NULL, cust_id int) PARTITION BY LIST (region);
CREATE TABLE shipments_eu PARTITION OF shipments FOR VALUES IN ('eu');
CREATE TABLE shipments_us PARTITION OF shipments FOR VALUES IN ('us') PARTITION BY RANGE (weight);
CREATE TABLE shipments_us_light PARTITION OF shipments_us FOR VALUES FROM (MINVALUE) TO (10);
CREATE TABLE shipments_us_heavy PARTITION OF shipments_us FOR VALUES FROM (10) TO (MAXVALUE);
CREATE TABLE shipments_other PARTITION OF shipments DEFAULT;
CREATE TABLE events (id int, kind text, n int);
CREATE TABLE events_web (url text) INHERITS (events);
CREATE TABLE events_app () INHERITS (events);
