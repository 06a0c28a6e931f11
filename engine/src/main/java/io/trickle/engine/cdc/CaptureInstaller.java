package io.trickle.engine.cdc;

import io.trickle.engine.cdc.CaptureInfo.BufferFormat;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.TableLocks;
import io.trickle.engine.sql.Relation;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Installs, widens and removes change capture on a source (DESIGN §2). One buffer per source, shared
 * by every stream table that reads it, holding the union of the columns its readers use in their own
 * types ({@link CaptureFunction} says what is written and why a write never fails because of it).
 *
 * <p>The buffer follows its readers: when a reader needs a column the buffer lacks, or a captured
 * column changed type, the buffer is altered and the function written again; columns no reader uses
 * any more are dropped, so that their later DDL cannot disturb capture. Every such change is made
 * under a lock on the source that waits for the writers in flight ({@link #lockForCapture}), committed
 * before the reader's first snapshot ({@link CaptureFirst}), so that no row is captured with a column
 * missing that a reader's first window would read. A buffer in the
 * JSON format of engines before 0.7.0.5 is converted the same way, its pending rows decoded once.
 */
public final class CaptureInstaller {

    /** Trigger statements kept back while {@link #deferTriggers} is in force, else null. */
    private List<String> deferred;

    /** Capture of {@code sourceOid}, if installed. */
    public Optional<CaptureInfo> find(Connection c, long sourceOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT buffer_id, format('%I.%I', source_schema, source_name), trigger_mode, buffer_format, captured_columns
                  FROM pgtrickle.pgt_change_tracking WHERE source::oid = ?""")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CaptureInfo(rs.getLong(1), sourceOid, rs.getString(2), rs.getString(3),
                        BufferFormat.of(rs.getString(4)), List.of((String[]) rs.getArray(5).getArray())))
                        : Optional.empty();
            }
        }
    }

    /**
     * The tables to lock against writers before capturing {@code source} for a reader of
     * {@code columns}, because that would install or change something: the source (whose lock
     * covers its partitions and inheritance children) and any table whose capture triggers would be
     * dropped (one that left the source's tree). Empty when capture is as it should be.
     */
    public List<Relation> toLock(Connection c, Relation source, Set<String> columns) throws SQLException {
        Optional<CaptureInfo> existing = find(c, source.oid());
        if (existing.isEmpty() || existing.get().format() != BufferFormat.TYPED) {
            return List.of(source);
        }
        Map<String, String> buffer = bufferColumns(c, existing.get());
        SourceColumns now = SourceColumns.read(c, source.oid());
        boolean columnsChange = false;
        for (String name : columns) {
            Optional<SourceColumns.Column> col = now.column(name);
            if (col.isPresent() && !col.get().definition().equals(buffer.get(name))) {
                columnsChange = true;
            }
        }
        CaptureTriggers.Placement placement = CaptureTriggers.placement(c, source.oid());
        List<Relation> triggers = CaptureTriggers.toChange(c, existing.get(), placement,
                placement.mode(existing.get().triggerMode()));
        if (!columnsChange && triggers.isEmpty()) {
            return List.of();
        }
        List<Relation> out = new ArrayList<>(List.of(source));
        triggers.stream().filter(r -> r.oid() != source.oid()).forEach(out::add);
        return out;
    }

    /**
     * Makes sure {@code source} is captured with every column its readers (the dependency rows
     * recorded for it) use: installs buffer, function and triggers when it is not captured, widens or
     * converts the buffer when it must, and puts its triggers where the source's place in a partition
     * or inheritance tree needs them ({@link CaptureTriggers}). The caller holds locks that exclude
     * writers on what this changes (see {@link #toLock}).
     */
    public CaptureInfo ensure(Connection c, Relation source, String triggerMode) throws SQLException {
        return ensure(c, source, triggerMode, Set.of());
    }

    /**
     * As {@link #ensure(Connection, Relation, String)}, keeping {@code alsoWanted} as well: the columns
     * of a reader whose dependency rows are not recorded yet ({@link CaptureFirst}).
     */
    public CaptureInfo ensure(Connection c, Relation source, String triggerMode, Set<String> alsoWanted)
            throws SQLException {
        Optional<CaptureInfo> existing = find(c, source.oid());
        SourceColumns columns = SourceColumns.read(c, source.oid());
        List<String> recorded = wantedColumns(c, source.oid(), columns);
        List<String> wanted = columns.columns().keySet().stream()
                .filter(name -> recorded.contains(name) || alsoWanted.contains(name)).toList();
        CaptureTriggers.Placement placement = CaptureTriggers.placement(c, source.oid());
        if (existing.isEmpty()) {
            return install(c, source, placement.mode(triggerMode), columns, wanted, placement);
        }
        CaptureInfo info = existing.get();
        info = info.format() == BufferFormat.JSON ? convert(c, info, source, columns, wanted) : reconcile(c, info, columns, wanted);
        String mode = placement.mode(info.triggerMode());
        CaptureTriggers.sync(c, info, placement, mode);
        if (!mode.equals(info.triggerMode())) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pgtrickle.pgt_change_tracking SET trigger_mode = ? WHERE buffer_id = ?")) {
                ps.setString(1, mode);
                ps.setLong(2, info.bufferId());
                ps.executeUpdate();
            }
            info = new CaptureInfo(info.bufferId(), info.sourceOid(), info.sourceName(), mode, info.format(),
                    info.capturedColumns());
        }
        return info;
    }

    /** The columns of the source that some reader uses, in the source's order. */
    private static List<String> wantedColumns(Connection c, long sourceOid, SourceColumns columns) throws SQLException {
        Set<String> used = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT unnest(d.columns_used) FROM pgtrickle.pgt_dependencies d"
                        + " JOIN pgtrickle.pgt_stream_tables st ON st.pgt_id = d.pgt_id"
                        + " WHERE d.source::oid = ? AND st.refresh_mode <> 'IMMEDIATE'")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.add(rs.getString(1));
                }
            }
        }
        return columns.columns().keySet().stream().filter(used::contains).toList();
    }

    private CaptureInfo install(Connection c, Relation source, String triggerMode, SourceColumns columns,
                                List<String> wanted, CaptureTriggers.Placement placement) throws SQLException {
        long bufferId;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_change_tracking (source, source_schema, source_name, buffer_table, trigger_mode,
                    buffer_format, captured_columns, key_columns)
                VALUES (?::oid::regclass, ?, ?, '', ?, 'typed', ?, ?) RETURNING buffer_id""")) {
            ps.setLong(1, source.oid());
            ps.setString(2, source.schema());
            ps.setString(3, source.name());
            ps.setString(4, triggerMode);
            ps.setArray(5, textArray(c, wanted));
            ps.setArray(6, textArray(c, columns.key()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                bufferId = rs.getLong(1);
            }
        }
        CaptureInfo info = new CaptureInfo(bufferId, source.oid(), source.qualifiedName(), triggerMode, BufferFormat.TYPED,
                wanted);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pgtrickle.pgt_change_tracking SET buffer_table = ? WHERE buffer_id = ?")) {
            ps.setString(1, CaptureInfo.bufferTable(bufferId));
            ps.setLong(2, bufferId);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            createBuffer(st, info, columns, wanted, source.qualifiedName());
            st.execute(CaptureFunction.ddl(info, wanted, columns.key(), columns));
        }
        if (deferred != null) {
            deferred.addAll(CaptureTriggers.creations(c, info, placement, triggerMode));
        } else {
            CaptureTriggers.sync(c, info, placement, triggerMode);
        }
        return info;
    }

    private static void createBuffer(Statement st, CaptureInfo info, SourceColumns columns, List<String> wanted,
                                     String sourceName) throws SQLException {
        List<String> defs = new ArrayList<>();
        defs.add("xid xid8 NOT NULL DEFAULT pg_current_xact_id()");
        defs.add("action \"char\" NOT NULL");
        for (String name : wanted) {
            defs.add(columns.columns().get(name).definition());
        }
        // A buffer churns (rows added by writers, pruned after refreshes): autovacuum is told to keep
        // up after a thousand rows rather than a fifth of the table, so that windows read live rows.
        st.execute("CREATE TABLE " + info.qualifiedBuffer() + " (" + String.join(", ", defs) + ") WITH ("
                + "autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,"
                + " autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000,"
                + " autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000)");
        st.execute("CREATE INDEX ON " + info.qualifiedBuffer() + " (xid)");
        st.execute("COMMENT ON TABLE " + info.qualifiedBuffer() + " IS "
                + PgQuote.literal("Trickle change buffer of " + sourceName));
    }

    /**
     * Brings a typed buffer and its function to the wanted columns: adds what is missing, replaces a
     * column whose type changed (its old values matter only to readers that reinitialise anyway), drops
     * what no reader uses, and writes the function again when anything (the key included) changed.
     */
    private CaptureInfo reconcile(Connection c, CaptureInfo info, SourceColumns columns, List<String> wanted)
            throws SQLException {
        Map<String, String> buffer = bufferColumns(c, info);
        List<String> alterations = new ArrayList<>();
        for (String name : buffer.keySet()) {
            SourceColumns.Column col = columns.columns().get(name);
            if (!wanted.contains(name) || col == null || !col.definition().equals(buffer.get(name))) {
                alterations.add("DROP COLUMN " + PgQuote.ident(name));
            }
        }
        for (String name : wanted) {
            if (!columns.columns().get(name).definition().equals(buffer.get(name))) {
                alterations.add("ADD COLUMN " + columns.columns().get(name).definition());
            }
        }
        List<String> storedKey = storedKey(c, info);
        if (alterations.isEmpty() && wanted.equals(info.capturedColumns()) && Objects.equals(storedKey, columns.key())) {
            return info;
        }
        CaptureInfo updated = new CaptureInfo(info.bufferId(), info.sourceOid(), info.sourceName(), info.triggerMode(),
                BufferFormat.TYPED, wanted);
        try (Statement st = c.createStatement()) {
            if (!alterations.isEmpty()) {
                st.execute("ALTER TABLE " + info.qualifiedBuffer() + " " + String.join(", ", alterations));
            }
            st.execute(CaptureFunction.ddl(updated, wanted, columns.key(), columns));
        }
        record(c, updated, columns.key());
        return updated;
    }

    /**
     * Converts a JSON buffer of an older engine: a typed buffer takes its place with the pending rows
     * decoded into the source's current row type (as the older engine would have read them), then the
     * function is written for the typed format.
     */
    private CaptureInfo convert(Connection c, CaptureInfo info, Relation source, SourceColumns columns,
                                List<String> wanted) throws SQLException {
        CaptureInfo typed = new CaptureInfo(info.bufferId(), info.sourceOid(), info.sourceName(), info.triggerMode(),
                BufferFormat.TYPED, wanted);
        String old = CaptureInfo.SCHEMA + "." + PgQuote.ident(CaptureInfo.bufferTable(info.bufferId()) + "_json");
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + info.qualifiedBuffer() + " RENAME TO "
                    + PgQuote.ident(CaptureInfo.bufferTable(info.bufferId()) + "_json"));
            st.execute("ALTER INDEX IF EXISTS " + CaptureInfo.SCHEMA + "." + PgQuote.ident(CaptureInfo.bufferTable(info.bufferId()) + "_xid_idx")
                    + " RENAME TO " + PgQuote.ident(CaptureInfo.bufferTable(info.bufferId()) + "_json_xid_idx"));
            createBuffer(st, typed, columns, wanted, source.qualifiedName());
            StringBuilder copy = new StringBuilder("INSERT INTO " + typed.qualifiedBuffer() + " (xid, action");
            wanted.forEach(w -> copy.append(", ").append(PgQuote.ident(w)));
            copy.append(") SELECT b.xid, b.action");
            wanted.forEach(w -> copy.append(", r.").append(PgQuote.ident(w)));
            copy.append(" FROM ").append(old).append(" b LEFT JOIN LATERAL json_populate_record(NULL::")
                    .append(PgQuote.qualified(source.schema(), source.name()))
                    .append(", b.data) r ON b.action IN ('I', 'D')");
            st.execute(copy.toString());
            st.execute("DROP TABLE " + old);
            st.execute(CaptureFunction.ddl(typed, wanted, columns.key(), columns));
        }
        record(c, typed, columns.key());
        return typed;
    }

    private static void record(Connection c, CaptureInfo info, List<String> key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE pgtrickle.pgt_change_tracking
                   SET buffer_format = 'typed', captured_columns = ?, key_columns = ?, capture_error = NULL
                 WHERE buffer_id = ?""")) {
            ps.setArray(1, textArray(c, info.capturedColumns()));
            ps.setArray(2, textArray(c, key));
            ps.setLong(3, info.bufferId());
            ps.executeUpdate();
        }
    }

    private static List<String> storedKey(Connection c, CaptureInfo info) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(key_columns, '{}') FROM pgtrickle.pgt_change_tracking WHERE buffer_id = ?")) {
            ps.setLong(1, info.bufferId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of((String[]) rs.getArray(1).getArray());
            }
        }
    }

    /**
     * Writes the capture function of {@code info} again for the columns and key it captures now;
     * false (nothing written) when a captured column is gone from the source — its readers
     * reinitialise, and capture is reconciled then.
     */
    boolean rewriteFunction(Connection c, CaptureInfo info) throws SQLException {
        SourceColumns columns = SourceColumns.read(c, info.sourceOid());
        if (!columns.columns().keySet().containsAll(info.capturedColumns())) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            st.execute(CaptureFunction.ddl(info, info.capturedColumns(), storedKey(c, info), columns));
        }
        return true;
    }

    /** The buffer's source columns (all but xid and action) with their definitions as {@link SourceColumns} writes them. */
    private static Map<String, String> bufferColumns(Connection c, CaptureInfo info) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        SourceColumns.ofBuffer(c, info.bufferId()).forEach((name, col) -> out.put(name, col.definition()));
        return out;
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    /**
     * Removes capture from a source once no stream table reads its buffer any more: triggers, function,
     * buffer and tracking row. A source that is gone already just loses its catalog traces. While
     * other readers remain, the buffer is narrowed to what they use.
     */
    public boolean releaseIfUnused(Connection c, long sourceOid) throws SQLException {
        // IMMEDIATE readers read no buffer: their writers maintain them.
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pgtrickle.pgt_dependencies d"
                + " JOIN pgtrickle.pgt_stream_tables st ON st.pgt_id = d.pgt_id"
                + " WHERE d.source::oid = ? AND st.refresh_mode <> 'IMMEDIATE'")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        Optional<CaptureInfo> info = find(c, sourceOid);
        if (info.isEmpty()) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            // The triggers depend on the function and go with it, wherever they are (a table that
            // left the tree included). DROP TRIGGER itself would need ownership of the source, which
            // the engine may not have (TRIGGER privilege suffices to capture, issue 18); dropping its
            // own function needs none.
            st.execute("DROP FUNCTION IF EXISTS " + info.get().qualifiedFunction() + "() CASCADE");
            st.execute("DROP TABLE IF EXISTS " + info.get().qualifiedBuffer());
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgtrickle.pgt_change_tracking WHERE buffer_id = ?")) {
            ps.setLong(1, info.get().bufferId());
            ps.executeUpdate();
        }
        return true;
    }

    /**
     * Holds the writers of sources whose capture is about to change off until the transaction ends,
     * after waiting for those in flight: every write then either committed before the change or runs
     * the changed capture. The lock is the one CREATE TRIGGER takes (SHARE ROW EXCLUSIVE), taken by
     * writing the source's TRUNCATE trigger again as it is — the TRIGGER privilege suffices for that,
     * where LOCK TABLE in that mode needs UPDATE, DELETE or TRUNCATE on the source (issue 18). A source
     * not captured yet needs nothing: installing capture creates its triggers, which takes the lock.
     *
     * <p>The statement takes a snapshot before it waits: in a REPEATABLE READ transaction that
     * snapshot would miss the writers it waited for. Call it in a READ COMMITTED transaction that
     * commits before the snapshot that must hold those writes is taken ({@link CaptureFirst}).
     */
    public void lockForCapture(Connection c, List<Relation> sources) throws SQLException {
        // In short attempts, so that a writer of two sources is never the one a deadlock aborts.
        TableLocks.inAttempts(c, lockStatements(c, sources));
    }

    /**
     * From now on, capture installed on a new source creates its buffer and function but keeps its
     * triggers (which wait for the source's writers) for {@link #takeDeferredTriggers}, so that the
     * caller can take every source's lock in one bounded attempt ({@link CaptureFirst}).
     */
    public void deferTriggers() {
        deferred = new ArrayList<>();
    }

    /** The triggers deferred since {@link #deferTriggers}, to run under {@link TableLocks#inAttempts}. */
    public List<String> takeDeferredTriggers() {
        List<String> out = deferred == null ? List.of() : List.copyOf(deferred);
        deferred = null;
        return out;
    }

    /**
     * The statements {@link #lockForCapture} takes its locks with: for each captured source, and each
     * table of its tree whose capture triggers would change, one of Trickle's triggers on it written
     * again ({@link TableLocks#againstWritersStatements}). A source not captured yet needs none.
     */
    public List<String> lockStatements(Connection c, List<Relation> sources) throws SQLException {
        List<Long> oids = new ArrayList<>();
        for (Relation r : sources) {
            Optional<CaptureInfo> info = find(c, r.oid());
            if (info.isPresent()) {
                oids.add(r.oid());
                CaptureTriggers.Placement placement = CaptureTriggers.placement(c, r.oid());
                for (Relation t : CaptureTriggers.toChange(c, info.get(), placement, placement.mode(info.get().triggerMode()))) {
                    if (!oids.contains(t.oid())) {
                        oids.add(t.oid());
                    }
                }
            }
        }
        return TableLocks.againstWritersStatements(c, oids);
    }
}
