package io.trickle.engine.refresh;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.cdc.CaptureTriggers;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.SearchPaths;
import io.trickle.engine.dvm.DvmPlan;
import io.trickle.engine.dvm.DvmPlanner;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.dvm.translate.QueryTranslator;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryProbe;
import io.trickle.engine.sql.QueryText;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import io.trickle.engine.sql.RelationKind;
import io.trickle.engine.sql.TypeProbe;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives how a query is maintained: checks it (one SELECT), asks PostgreSQL what it is, translates
 * and plans it for DIFFERENTIAL, and decides the effective mode. AUTO falls back to FULL with the
 * reason; explicit DIFFERENTIAL refuses (exit 2) naming the construct. Runs inside the caller's
 * transaction, under the session settings the stream table will refresh with.
 */
public final class Deriver {

    private static final Logger LOG = LoggerFactory.getLogger(Deriver.class);

    private Deriver() {
    }

    /** Where a query's text comes from: it decides how its names are read. */
    public enum Origin {
        /** Written by a person now: read with their search_path, then stored as {@link QueryPinning} says. */
        USER,
        /** Stored by create or alter: already resolves under the pinned search_path. */
        STORED
    }

    /**
     * The text to store for a query stored before catalog 0.7.0.11 with its creator's search_path: the
     * same query, resolving under the pinned search_path (see {@link QueryPinning}).
     *
     * @throws InvalidInputException when it uses objects it reaches only through that search_path
     */
    public static String pinStored(Connection c, String storedQuery, String storedSearchPath) throws SQLException {
        return QueryPinning.pin(c, QueryText.check(storedQuery), storedSearchPath);
    }

    /** Derives a query a person has just written. */
    public static Derivation derive(Connection c, String query, RefreshMode requested) throws SQLException {
        return derive(c, query, requested, Origin.USER);
    }

    /**
     * Derives a query. Whatever its origin, everything after reading it runs with the pinned
     * search_path, which stays in force for the rest of the caller's transaction.
     */
    public static Derivation derive(Connection c, String query, RefreshMode requested, Origin origin) throws SQLException {
        QueryText text = QueryText.check(query);
        String defining = origin == Origin.USER ? QueryPinning.pin(c, text) : text.sql();
        SearchPaths.pin(c);
        RelationCatalog catalog = new RelationCatalog(c);
        ProbeResult probe = QueryProbe.probe(c, QueryText.check(defining), catalog);
        if (probe.outputColumns().isEmpty()) {
            throw new InvalidInputException("the query has no output columns");
        }
        QueryProbe.requirePlannable(c, QueryText.check(defining));
        for (Relation r : probe.baseRelations()) {
            if (r.kind() == RelationKind.TEMPORARY_TABLE) {
                throw new InvalidInputException("the query reads " + r.qualifiedName() + ", a temporary table: it belongs"
                        + " to one session, and no refresh could read it");
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!probe.stableCalls().isEmpty()) {
            warnings.add("the query calls stable functions (" + String.join(", ", probe.stableCalls())
                    + "): their results depend on when each refresh runs");
        }
        String fallback = null;
        if (requested == RefreshMode.FULL) {
            return full(text, probe, defining, null, warnings);
        }
        boolean explicit = requested == RefreshMode.DIFFERENTIAL || requested == RefreshMode.IMMEDIATE;
        if (!probe.volatileCalls().isEmpty()) {
            String why = "calls volatile functions (" + String.join(", ", probe.volatileCalls()) + ")";
            if (explicit) {
                throw new InvalidInputException("the query cannot be maintained in " + requested + " mode: it " + why
                        + ", whose results change from one evaluation to the next; use FULL");
            }
            return full(text, probe, defining, "the query " + why, warnings);
        }
        Optional<String> uncaptured = probe.uncaptured();
        if (uncaptured.isPresent()) {
            String why = "reads " + uncaptured.get() + ", whose changes cannot be captured";
            if (requested == RefreshMode.DIFFERENTIAL) {
                throw new InvalidInputException("the query cannot be maintained in DIFFERENTIAL mode: it " + why
                        + " (use AUTO or FULL)");
            }
            return full(text, probe, defining, "the query " + why, warnings);
        }
        try {
            DvmPlan plan = plan(c, catalog, defining, probe);
            if (requested == RefreshMode.IMMEDIATE) {
                requireTriggers(c, plan);
            }
            return new Derivation(text, probe, defining, StorageSpec.differential(plan, defining),
                    requested == RefreshMode.IMMEDIATE ? EffectiveMode.IMMEDIATE : EffectiveMode.DIFFERENTIAL, null, warnings);
        } catch (UnsupportedConstruct u) {
            fallback = "not maintainable differentially: " + u.construct();
            if (explicit) {
                throw new InvalidInputException("the query cannot be maintained in " + requested + " mode: it uses "
                        + u.construct() + " (use AUTO or FULL)");
            }
        }
        return full(text, probe, defining, fallback, warnings);
    }

    /**
     * IMMEDIATE maintenance runs from triggers on every relation the delta reads: a materialized view,
     * a foreign table or anything else whose changes fire no triggers cannot be a source. Nor can a
     * member of a partition or inheritance tree: its statement triggers do not fire for a statement
     * that names another member (the parent, a partition, a child), so such writes would be missed.
     */
    private static void requireTriggers(Connection c, DvmPlan plan) throws SQLException {
        for (Relation r : plan.sourceColumns().keySet()) {
            Optional<String> why = r.kind().uncapturedBecause().map(because -> r.qualifiedName() + ", " + because);
            if (why.isPresent()) {
                throw new InvalidInputException("the query cannot be maintained in IMMEDIATE mode: it reads " + why.get()
                        + ", whose changes fire no triggers (use DIFFERENTIAL, AUTO or FULL)");
            }
            if (CaptureTriggers.inTree(c, r.oid())) {
                throw new InvalidInputException("the query cannot be maintained in IMMEDIATE mode: it reads "
                        + r.qualifiedName() + ", which is in a partition or inheritance tree, and a statement naming"
                        + " another table of that tree would not be seen (use DIFFERENTIAL, AUTO or FULL)");
            }
        }
    }

    private static Derivation full(QueryText text, ProbeResult probe, String defining, String reason, List<String> warnings) {
        return new Derivation(text, probe, defining, StorageSpec.full(probe, defining), EffectiveMode.FULL, reason, warnings);
    }

    /** The differential plan of a query already probed; used again when a stream table is loaded. */
    public static DvmPlan plan(Connection c, RelationCatalog catalog, String defining, ProbeResult probe) throws SQLException {
        Operator root = QueryTranslator.translate(defining, catalog);
        List<String> names = probe.outputColumns().stream().map(ProbeResult.OutputColumn::name).toList();
        DvmPlan plan = DvmPlanner.plan(root, names, queries -> {
            try {
                return TypeProbe.typesOf(c, queries);
            } catch (SQLException e) {
                throw new UnsupportedConstruct("a shape the differential engine writes as SQL that PostgreSQL rejects ("
                        + e.getMessage() + ")");
            }
        });
        verifyCompiles(c, plan);
        return plan;
    }

    /**
     * Plans the FULL and delta SQL against empty stand-ins (change windows and storage) inside a
     * savepoint: a query the engine cannot write correctly is found at create time, not at the
     * first refresh.
     */
    private static void verifyCompiles(Connection c, DvmPlan plan) throws SQLException {
        Savepoint sp = c.setSavepoint("__pgt_verify");
        try (Statement st = c.createStatement()) {
            Map<Long, String> windows = new HashMap<>();
            int n = 0;
            for (Map.Entry<Relation, Set<String>> e : plan.sourceColumns().entrySet()) {
                String name = "pg_temp.__pgt_verify_window_" + (++n);
                List<String> defs = new ArrayList<>();
                for (String col : e.getValue()) {
                    defs.add(PgQuote.ident(col) + " " + e.getKey().column(col).orElseThrow().type().declaration());
                }
                st.execute("CREATE TEMP TABLE " + name.substring("pg_temp.".length()) + " (" + String.join(", ", defs)
                        + ", __pgt_w bigint)");
                windows.put(e.getKey().oid(), name);
            }
            List<String> storageDefs = new ArrayList<>();
            storageDefs.add("__pgt_row_id bigint");
            for (StorageColumn col : plan.storage()) {
                storageDefs.add(PgQuote.ident(col.name()) + " " + col.type().declaration());
            }
            st.execute("CREATE TEMP TABLE __pgt_verify_storage (" + String.join(", ", storageDefs) + ")");
            String sql = plan.fullSql();
            try {
                st.execute("EXPLAIN " + sql);
                sql = plan.deltaSql(new SourceWindows(windows), "pg_temp.__pgt_verify_storage");
                st.execute("EXPLAIN " + sql);
            } catch (SQLException e) {
                LOG.debug("PostgreSQL rejects generated SQL ({}):\n{}", e.getMessage(), sql);
                throw e;
            }
        } catch (SQLException e) {
            c.rollback(sp);
            throw new UnsupportedConstruct("a shape the differential engine writes as SQL that PostgreSQL rejects ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        c.rollback(sp);
    }

    /** Kept for callers that need to know whether a relation can be captured. */
    static Optional<String> uncapturable(Relation r) {
        return r.kind().capturable() ? Optional.empty()
                : Optional.of(r.qualifiedName() + " is a " + r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
}
