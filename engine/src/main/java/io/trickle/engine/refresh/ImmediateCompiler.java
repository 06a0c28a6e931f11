package io.trickle.engine.refresh;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.cdc.ImmediateStash;
import io.trickle.engine.cdc.PendingWindows;
import io.trickle.engine.cdc.TransitionTables;
import io.trickle.engine.cdc.TransitionTables.Event;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.SearchPaths;
import io.trickle.engine.db.TableLocks;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles an IMMEDIATE stream table's maintenance into triggers on its sources (issue 21): the
 * table equals its query inside the transaction that writes a source, right after each statement.
 * Per source <i>k</i> of table <i>N</i>, in {@code pgtrickle_changes}:
 *
 * <ul>
 *   <li>{@code ivm_N_k_before}, a BEFORE statement trigger: takes the refresh lock of every
 *       IMMEDIATE table a write of the source reaches (this one, the ones that read it, and so on),
 *       in the order of their ids, so that writers of one table's sources serialise — from their
 *       first write until they commit — and single statements never deadlock on them; records the
 *       writing transaction in {@code pgtrickle.pgt_immediate} (once per transaction), which makes a
 *       REPEATABLE READ or SERIALIZABLE writer whose snapshot predates another writer's commit fail
 *       with a serialization error instead of maintaining the table from a stale view of it; and
 *       counts the statement as under way.</li>
 *   <li>{@code ivm_N_k_insert}, {@code _update}, {@code _delete}, AFTER statement triggers with
 *       transition tables: the delta and apply of a differential refresh ({@link CompiledDelta})
 *       with the source's window taken from the statement's transition tables and every other
 *       window empty ({@link TransitionTables}). Transition tables are visible only to SQL the trigger
 *       function runs itself, so each holds its statement: static SQL (a cached plan) for a statement
 *       of fewer than {@value #PLANNED_EACH_TIME_FROM} rows, the same text planned for its size above.</li>
 *   <li>When another statement on a source of the same table is still under way around this one (a
 *       writable CTE writing two sources, a foreign key's cascade, a trigger writing a source), the
 *       other sources are not yet what the table was maintained against: the change waits in the
 *       source's stash ({@link ImmediateStash}) and the last statement to finish maintains the table
 *       from all stashes at once ({@code ivm_N_pending}, {@link PendingWindows}).</li>
 *   <li>A TRUNCATE of a source recomputes the table ({@code ivm_N_truncate}: the compiled refresh's
 *       FULL half, once the statements under way finished).</li>
 * </ul>
 *
 * <p>The functions run as the engine's role ({@code SECURITY DEFINER}) with the creator's TimeZone,
 * the pinned search_path ({@code pg_catalog, pg_temp}, as the compiled refresh) and row security off; the guard's permission is set only while
 * the storage table is written and reset after. An error that means the compiled SQL no longer fits
 * the sources (a column renamed or dropped, a type changed: SQLSTATE classes 42 and 0A) does not fail
 * the application's write: the table is marked for reinitialisation, the engine is asked to act, and
 * maintenance stops until it has; any other error (the query's own, a serialization failure, a lock
 * timeout) fails the statement, as a constraint would.
 */
public final class ImmediateCompiler {

    /** A statement with at least this many rows is planned for its size rather than by the cached plan. */
    static final int PLANNED_EACH_TIME_FROM = 100;

    private static final String COUNTS = "__pgt_inserted, __pgt_deleted, __pgt_bad";
    private static final Pattern BEFORE_TRIGGER = Pattern.compile("^pgtrickle_ivm_(\\d+)_(\\d+)_before$");

    private ImmediateCompiler() {
    }

    /** {@code pgtrickle_changes."ivm_<pgt_id>_<suffix>"}. */
    static String function(long pgtId, String suffix) {
        return CaptureInfo.SCHEMA + "." + PgQuote.ident("ivm_" + pgtId + "_" + suffix);
    }

    static String trigger(long pgtId, int index, String what) {
        return PgQuote.ident("pgtrickle_ivm_" + pgtId + "_" + index + "_" + what);
    }

    /** The transaction-local setting counting this table's statements under way. */
    private static String depthSetting(long pgtId) {
        return "pgtrickle.ivm_" + pgtId;
    }

    /** '' (nothing waits), 'stash' (changes wait in stashes) or 'full' (a source was truncated). */
    private static String pendingSetting(long pgtId) {
        return "pgtrickle.ivm_" + pgtId + "_pending";
    }

    /**
     * Writes (or rewrites) the maintenance of an IMMEDIATE table: stashes, functions and triggers on
     * every source. The caller locks the sources against writers first and has recorded the table's
     * dependencies; the compiled refresh (its FULL half) must exist.
     */
    public static void install(Connection c, long pgtId, String schema, String name, String timeZone, String searchPath,
                               StorageSpec spec) throws SQLException {
        if (spec.plan() == null) {
            throw new IllegalStateException("an IMMEDIATE table needs a differential plan");
        }
        drop(c, pgtId);
        String storage = PgQuote.qualified(schema, name);
        // Never the creator's path: these run as the engine inside every writer's transaction, and a name
        // in a schema a tenant can write to must not resolve to the tenant's objects (issue 18). Stored
        // queries are pinned to resolve without one, as for the compiled refresh.
        String settings = " SET search_path TO " + RefreshCompiler.searchPathClause(SearchPaths.PINNED) + " SET \"TimeZone\" TO "
                + PgQuote.literal(timeZone) + " SET row_security TO off SET jit TO off";
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pgtrickle.pgt_immediate (pgt_id) VALUES (?) ON CONFLICT (pgt_id) DO NOTHING")) {
            ps.setLong(1, pgtId);
            ps.executeUpdate();
        }
        List<String> ddl = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Relation, Set<String>> e : spec.plan().sourceColumns().entrySet()) {
            Relation source = e.getKey();
            k++;
            ImmediateStash.create(c, pgtId, k, source, e.getValue());
            Map<String, PgType> columns = CompiledDelta.columns(source, e.getValue());
            ddl.add(definer(function(pgtId, k + "_before"), "", "BEGIN\n  RETURN NULL;\nEND\n"));
            for (Event event : Event.values()) {
                String fn = function(pgtId, k + "_" + event.name().toLowerCase(Locale.ROOT));
                TransitionTables changes = new TransitionTables(pgtId, source.oid(), event);
                ddl.add(definer(fn, settings, afterStatement(pgtId, schema, name, k, event, columns,
                        CompiledDelta.of(c, spec, storage, changes, COUNTS).statement(),
                        CompiledDelta.of(c, spec, storage, changes, null).statement())));
            }
            String table = PgQuote.qualified(source.schema(), source.name());
            triggers.add("CREATE TRIGGER " + trigger(pgtId, k, "before") + " BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                    + table + " FOR EACH STATEMENT EXECUTE FUNCTION " + function(pgtId, k + "_before") + "()");
            triggers.add("CREATE TRIGGER " + trigger(pgtId, k, "insert") + " AFTER INSERT ON " + table
                    + " REFERENCING NEW TABLE AS " + TransitionTables.NEW + " FOR EACH STATEMENT EXECUTE FUNCTION "
                    + function(pgtId, k + "_insert") + "()");
            triggers.add("CREATE TRIGGER " + trigger(pgtId, k, "update") + " AFTER UPDATE ON " + table
                    + " REFERENCING OLD TABLE AS " + TransitionTables.OLD + " NEW TABLE AS " + TransitionTables.NEW
                    + " FOR EACH STATEMENT EXECUTE FUNCTION " + function(pgtId, k + "_update") + "()");
            triggers.add("CREATE TRIGGER " + trigger(pgtId, k, "delete") + " AFTER DELETE ON " + table
                    + " REFERENCING OLD TABLE AS " + TransitionTables.OLD + " FOR EACH STATEMENT EXECUTE FUNCTION "
                    + function(pgtId, k + "_delete") + "()");
            triggers.add("CREATE TRIGGER " + trigger(pgtId, k, "truncate") + " AFTER TRUNCATE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION " + function(pgtId, "truncate") + "()");
        }
        ddl.add(plain(function(pgtId, "pending"), settings, pending(pgtId, schema, name, k,
                CompiledDelta.of(c, spec, storage, new PendingWindows(pgtId), null).statement())));
        ddl.add(definer(function(pgtId, "truncate"), "", truncated(pgtId)));
        try (Statement st = c.createStatement()) {
            for (String s : ddl) {
                st.execute(s);
            }
            st.execute("REVOKE ALL ON FUNCTION " + function(pgtId, "pending") + "() FROM PUBLIC");
            // CREATE TRIGGER waits for the sources' writers: in short attempts, so that a writer of two
            // sources is never the one a deadlock aborts (a no-op when the caller locked them first).
            TableLocks.inAttempts(c, triggers);
            // Each writer's session plans the maintenance once and keeps the plan: statistics of a new
            // storage table (none yet) would give it a plan that scans the table for every row id.
            st.execute("ANALYZE " + storage);
        }
        relock(c);
    }

    /**
     * Rewrites every IMMEDIATE table's BEFORE triggers with the locks a write of their source must
     * take: the refresh locks of every IMMEDIATE table the write reaches, directly or through other
     * IMMEDIATE tables, in the order of their ids. Run whenever an IMMEDIATE table is created,
     * altered or dropped (the reach of a source changes).
     */
    public static void relock(Connection c) throws SQLException {
        List<String> ddl = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.tgname, t.tgrelid::bigint FROM pg_trigger t
                 WHERE t.tgname ~ '^pgtrickle_ivm_[0-9]+_[0-9]+_before$' ORDER BY t.tgname""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Matcher m = BEFORE_TRIGGER.matcher(rs.getString(1));
                if (m.matches()) {
                    long pgtId = Long.parseLong(m.group(1));
                    ddl.add(definer(function(pgtId, m.group(2) + "_before"), "",
                            beforeStatement(pgtId, reach(c, rs.getLong(2)))));
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String s : ddl) {
                st.execute(s);
            }
        }
    }

    /** The ids of the IMMEDIATE tables a write of {@code sourceOid} maintains, directly or in cascade, in order. */
    static List<Long> reach(Connection c, long sourceOid) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE reached(pgt_id, storage) AS (
                    SELECT st.pgt_id, st.storage FROM pgtrickle.pgt_dependencies d
                      JOIN pgtrickle.pgt_stream_tables st ON st.pgt_id = d.pgt_id
                     WHERE d.source::oid = ? AND st.refresh_mode = 'IMMEDIATE'
                    UNION
                    SELECT st.pgt_id, st.storage FROM reached r
                      JOIN pgtrickle.pgt_dependencies d ON d.source = r.storage
                      JOIN pgtrickle.pgt_stream_tables st ON st.pgt_id = d.pgt_id
                     WHERE st.refresh_mode = 'IMMEDIATE')
                SELECT DISTINCT pgt_id FROM reached ORDER BY pgt_id""")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * The relations a transaction that changes or recomputes IMMEDIATE tables locks against writers
     * first: {@code roots} and, beneath every IMMEDIATE table among them, that table's sources, in
     * the order of their OIDs (so that two such transactions take them alike). Writers of the sources
     * beneath maintain the IMMEDIATE tables above in cascade, holding their refresh locks while they
     * wait for the next table lock: taking those tables first is what keeps the two from deadlocking.
     * Returned as qualified names of tables that exist.
     */
    public static List<String> beneath(Connection c, List<Long> roots) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE beneath(rel) AS (
                    SELECT r::oid FROM unnest(?::bigint[]) r
                    UNION
                    SELECT d.source::oid FROM beneath b
                      JOIN pgtrickle.pgt_stream_tables st ON st.storage::oid = b.rel AND st.refresh_mode = 'IMMEDIATE'
                      JOIN pgtrickle.pgt_dependencies d ON d.pgt_id = st.pgt_id
                     WHERE d.source_type IN ('TABLE', 'STREAM_TABLE'))
                SELECT format('%I.%I', n.nspname, k.relname) FROM beneath b
                  JOIN pg_class k ON k.oid = b.rel JOIN pg_namespace n ON n.oid = k.relnamespace
                 WHERE k.relkind IN ('r', 'p')
                 ORDER BY b.rel""")) {
            ps.setArray(1, c.createArrayOf("bigint", roots.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The sources of a stream table and the sources beneath its IMMEDIATE sources (see {@link #beneath}). */
    public static List<String> sourcesToLock(Connection c, long pgtId) throws SQLException {
        List<Long> roots = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT d.source::oid FROM pgtrickle.pgt_dependencies d WHERE d.pgt_id = ? AND d.source_type IN ('TABLE', 'STREAM_TABLE')")) {
            ps.setLong(1, pgtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roots.add(rs.getLong(1));
                }
            }
        }
        return beneath(c, roots);
    }

    /** Removes an IMMEDIATE table's triggers, functions, stashes and token row (nothing when it has none). */
    public static void drop(Connection c, long pgtId) throws SQLException {
        // The triggers go with their functions (CASCADE): DROP TRIGGER needs ownership of the source,
        // and the engine has only TRIGGER on it (issue 18).
        List<String> ddl = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('DROP FUNCTION IF EXISTS %I.%I() CASCADE', n.nspname, p.proname)
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = ? AND p.proname ~ ?""")) {
            ps.setString(1, CaptureInfo.SCHEMA);
            ps.setString(2, "^ivm_" + pgtId + "_");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ddl.add(rs.getString(1));
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String s : ddl) {
                st.execute(s);
            }
        }
        ImmediateStash.dropAll(c, pgtId);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgtrickle.pgt_immediate WHERE pgt_id = ?")) {
            ps.setLong(1, pgtId);
            ps.executeUpdate();
        }
    }

    private static String definer(String name, String settings, String body) {
        String delimiter = RefreshCompiler.delimiterFor(body);
        return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                + (settings.isEmpty() ? " SET search_path TO pg_catalog, pg_temp" : settings)
                + " AS " + delimiter + "\n" + body + delimiter;
    }

    private static String plain(String name, String settings, String body) {
        String delimiter = RefreshCompiler.delimiterFor(body);
        return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS void LANGUAGE plpgsql" + settings + " AS " + delimiter
                + "\n" + body + delimiter;
    }

    /** Locks, the writing transaction recorded once, and one more statement under way. */
    private static String beforeStatement(long pgtId, List<Long> locks) {
        StringBuilder b = new StringBuilder("BEGIN\n");
        for (long id : locks) {
            b.append("  PERFORM pg_catalog.pg_advisory_xact_lock(").append(AdvisoryLocks.REFRESH_CLASS).append(", ")
                    .append(id).append(");\n");
        }
        b.append("  -- Under REPEATABLE READ and SERIALIZABLE the update fails (40001) when a writer that maintained the\n")
                .append("  -- table committed after this transaction's snapshot, and the row is missing when the table was\n")
                .append("  -- created or altered after it: either way this transaction's view of the table is stale.\n")
                .append("  UPDATE pgtrickle.pgt_immediate SET maintained_by = pg_catalog.pg_current_xact_id()\n")
                .append("   WHERE pgt_id = ").append(pgtId)
                .append(" AND maintained_by IS DISTINCT FROM pg_catalog.pg_current_xact_id();\n")
                .append("  IF NOT FOUND AND NOT EXISTS (SELECT FROM pgtrickle.pgt_immediate WHERE pgt_id = ").append(pgtId)
                .append(") THEN\n")
                .append("    RAISE EXCEPTION 'could not serialize access to stream table %: it was created or altered after this transaction began', ")
                .append(PgQuote.literal(String.valueOf(pgtId)))
                .append("\n      USING ERRCODE = 'serialization_failure', HINT = 'Retry the transaction.';\n  END IF;\n")
                .append("  PERFORM pg_catalog.set_config('").append(depthSetting(pgtId)).append("', (coalesce(nullif(")
                .append("pg_catalog.current_setting('").append(depthSetting(pgtId))
                .append("', true), ''), '0')::integer + 1)::text, true);\n")
                .append("  RETURN NULL;\nEND\n");
        return b.toString();
    }

    /** Counts the statement as finished; returns the PL/pgSQL that leaves the depth in {@code __pgt_depth}. */
    private static String finished(long pgtId) {
        return "  __pgt_depth := greatest(coalesce(nullif(pg_catalog.current_setting('" + depthSetting(pgtId)
                + "', true), ''), '1')::integer - 1, 0);\n"
                + "  PERFORM pg_catalog.set_config('" + depthSetting(pgtId) + "', __pgt_depth::text, true);\n";
    }

    private static String pendingValue(long pgtId) {
        return "coalesce(pg_catalog.current_setting('" + pendingSetting(pgtId) + "', true), '')";
    }

    /** Marks the table for reinitialisation when its compiled SQL no longer fits its sources. */
    private static String trapped(long pgtId, String schema, String name) {
        String display = QualifiedName.of(schema, name).toString();
        return "  EXCEPTION WHEN syntax_error_or_access_rule_violation OR feature_not_supported THEN\n"
                + "    -- The compiled SQL no longer fits the sources (a column renamed, dropped or retyped): the write\n"
                + "    -- goes on, the table is marked to be derived again and recomputed, and the engine is asked to.\n"
                + "    UPDATE pgtrickle.pgt_stream_tables SET needs_reinit = true,\n"
                + "           reinit_reason = left('IMMEDIATE maintenance could not run: ' || SQLERRM, 1000), updated_at = now()\n"
                + "     WHERE pgt_id = " + pgtId + " AND NOT needs_reinit;\n"
                + "    PERFORM pg_catalog.pg_notify('pgtrickle_refresh_request', pg_catalog.json_build_object('pgt_id', " + pgtId
                + ", 'stream_table', " + PgQuote.literal(display) + ")::text);\n";
    }

    private static String needsReinit(long pgtId) {
        return "(SELECT s.needs_reinit FROM pgtrickle.pgt_stream_tables s WHERE s.pgt_id = " + pgtId + ")";
    }

    private static String guardOn() {
        return "  __pgt_guard := pg_catalog.current_setting('pgtrickle.internal_refresh', true);\n"
                + "  PERFORM pg_catalog.set_config('pgtrickle.internal_refresh', 'on', true);\n";
    }

    private static String guardOff() {
        return "  PERFORM pg_catalog.set_config('pgtrickle.internal_refresh', coalesce(__pgt_guard, ''), true);\n";
    }

    private static String contradiction(String schema, String name) {
        return "  IF __pgt_bad > 0 THEN\n"
                + "    RAISE EXCEPTION 'internal error: the change of % has several rows for one unique row id; the statement was rolled back', "
                + PgQuote.literal(PgQuote.qualified(schema, name)) + " USING ERRCODE = 'XX000';\n  END IF;\n";
    }

    private static final String DECLARE = "#variable_conflict use_column\nDECLARE\n  __pgt_depth integer;\n  __pgt_rows bigint;\n"
            + "  __pgt_guard text;\n  __pgt_inserted bigint;\n  __pgt_deleted bigint;\n  __pgt_bad bigint := 0;\n";

    private static String afterStatement(long pgtId, String schema, String name, int index, Event event,
                                         Map<String, PgType> columns, String statement, String plainStatement) {
        String change = TransitionTables.statementChange(event, columns);
        return DECLARE + "BEGIN\n" + finished(pgtId)
                + "  IF __pgt_depth > 0 OR " + pendingValue(pgtId) + " <> '' THEN\n"
                + "    -- Another statement on a source of this table is under way around this one: the other sources are\n"
                + "    -- not yet what the table was maintained against. The change waits; the last statement maintains.\n"
                + "    IF " + pendingValue(pgtId) + " <> 'full' THEN\n"
                + "      " + ImmediateStash.keep(pgtId, index, columns.keySet(), change) + ";\n"
                + "      PERFORM pg_catalog.set_config('" + pendingSetting(pgtId) + "', 'stash', true);\n"
                + "    END IF;\n"
                + "    IF __pgt_depth = 0 THEN\n      PERFORM " + function(pgtId, "pending") + "();\n    END IF;\n"
                + "    RETURN NULL;\n  END IF;\n"
                + "  SELECT count(*) INTO __pgt_rows FROM (SELECT FROM " + event.anyTable() + " LIMIT " + PLANNED_EACH_TIME_FROM
                + ") __pgt_x;\n"
                + "  IF __pgt_rows = 0 OR " + needsReinit(pgtId) + " THEN\n    RETURN NULL;\n  END IF;\n"
                + guardOn()
                + "  BEGIN\n"
                + "    IF __pgt_rows < " + PLANNED_EACH_TIME_FROM + " THEN\n      " + statement + ";\n"
                + "    ELSE\n"
                + "      -- Planned for this statement's size: a plan cached for a few rows would loop over a large one.\n"
                + "      EXECUTE " + PgQuote.literal(plainStatement) + " INTO " + COUNTS + ";\n"
                + "    END IF;\n"
                + trapped(pgtId, schema, name)
                + "  END;\n"
                + guardOff()
                + contradiction(schema, name)
                + "  RETURN NULL;\nEND\n";
    }

    private static String pending(long pgtId, String schema, String name, int sources, String plainStatement) {
        StringBuilder clear = new StringBuilder();
        for (int k = 1; k <= sources; k++) {
            clear.append("  DELETE FROM ").append(ImmediateStash.table(pgtId, k)).append(";\n");
        }
        return DECLARE + "  __pgt_full boolean;\nBEGIN\n"
                + "  __pgt_full := " + pendingValue(pgtId) + " = 'full';\n"
                + "  PERFORM pg_catalog.set_config('" + pendingSetting(pgtId) + "', '', true);\n"
                + "  IF NOT " + needsReinit(pgtId) + " THEN\n"
                + guardOn()
                + "  BEGIN\n"
                + "    IF __pgt_full THEN\n"
                + "      SELECT r.__pgt_inserted, r.__pgt_deleted INTO __pgt_inserted, __pgt_deleted FROM "
                + CaptureInfo.SCHEMA + "." + PgQuote.ident(RefreshCompiler.functionName(pgtId)) + "('FULL') r;\n"
                + "    ELSE\n"
                + "      EXECUTE " + PgQuote.literal(plainStatement) + " INTO " + COUNTS + ";\n"
                + "    END IF;\n"
                + trapped(pgtId, schema, name)
                + "  END;\n"
                + guardOff()
                + "  END IF;\n"
                + clear
                + contradiction(schema, name)
                + "END\n";
    }

    private static String truncated(long pgtId) {
        return "DECLARE\n  __pgt_depth integer;\nBEGIN\n" + finished(pgtId)
                + "  -- A truncated source: the table is recomputed once the statements under way have finished.\n"
                + "  PERFORM pg_catalog.set_config('" + pendingSetting(pgtId) + "', 'full', true);\n"
                + "  IF __pgt_depth = 0 THEN\n    PERFORM " + function(pgtId, "pending") + "();\n  END IF;\n"
                + "  RETURN NULL;\nEND\n";
    }
}
