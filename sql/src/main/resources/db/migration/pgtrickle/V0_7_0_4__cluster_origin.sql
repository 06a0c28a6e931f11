---------------------------------------------------------------------------------------------------
-- Where the catalog's frontiers come from (issue 17). A frontier is a pg_snapshot: transaction ids
-- of the cluster that took it. After pg_dump/pg_restore into another cluster (a major-version
-- upgrade through a dump, a copy to a new server) those ids mean nothing: the new cluster's counter
-- may be behind them (new writes would look already consumed) or past them. The catalog records the
-- cluster it lives in; an engine that finds itself in another one recognises every frontier as
-- foreign, drops the buffered changes, and repopulates each stream table once, saying why.
---------------------------------------------------------------------------------------------------

-- The cluster's system identifier (pg_control_system(), executable by PUBLIC in PostgreSQL 15-18);
-- NULL where a managed service withholds it, and the engine then relies on frontiers that are ahead
-- of the cluster's transaction counter.
CREATE FUNCTION pgtrickle.cluster_identifier()
RETURNS bigint
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
BEGIN
    RETURN (SELECT system_identifier FROM pg_catalog.pg_control_system());
EXCEPTION WHEN insufficient_privilege THEN
    RETURN NULL;
END
$$;

CREATE TABLE pgtrickle.pgt_cluster_origin (
    singleton         boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    system_identifier bigint,
    recorded_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO pgtrickle.pgt_cluster_origin (singleton, system_identifier) VALUES (true, pgtrickle.cluster_identifier());

COMMENT ON TABLE pgtrickle.pgt_cluster_origin IS
    'the cluster whose transaction ids the frontiers hold; another one means the catalog was restored there';
