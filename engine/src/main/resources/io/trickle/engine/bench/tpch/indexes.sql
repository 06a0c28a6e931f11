-- The foreign-key columns the 22 queries and the change cycles join and filter on, indexed after the
-- load (building an index once is cheaper than maintaining it row by row). No FOREIGN KEY
-- constraints: they would only slow the load and order the change cycles' deletes.
CREATE INDEX ON tpch.nation (n_regionkey);
CREATE INDEX ON tpch.supplier (s_nationkey);
CREATE INDEX ON tpch.customer (c_nationkey);
CREATE INDEX ON tpch.partsupp (ps_suppkey);
CREATE INDEX ON tpch.orders (o_custkey);
CREATE INDEX ON tpch.lineitem (l_partkey, l_suppkey);
CREATE INDEX ON tpch.lineitem (l_suppkey);
