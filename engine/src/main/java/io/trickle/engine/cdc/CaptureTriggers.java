package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the triggers of a capture go and how they fire (DESIGN §2; issue 19, point 1).
 *
 * <p>A plain table is captured by triggers on itself, by statement (transition tables) or by row as
 * configured. A table in a partition or inheritance tree is captured by row, because PostgreSQL fires
 * a statement trigger only for statements that name its own table: an {@code INSERT INTO m_a} does
 * not fire the triggers of {@code m}, nor an {@code UPDATE m} those of {@code m_a}. Row triggers fire
 * for the table that holds the row, whichever level the statement names:
 * <ul>
 *   <li>on a partitioned table, PostgreSQL clones them onto every partition, present and future, and
 *       drops the clone when a partition is detached — so they go on the source alone, and a
 *       partition attached or created is captured from its first row;</li>
 *   <li>on an inheritance parent, they go on the parent and on every descendant, each writing the
 *       parent's one buffer; a child added later gets them when its readers are reinitialised (the
 *       source's fingerprint covers its tree), and a child that left the tree loses them then;</li>
 *   <li>on a partition or child as a source, they go on it: they fire for rows routed or written
 *       through any ancestor.</li>
 * </ul>
 * TRUNCATE fires no row trigger: each table carrying triggers also gets a statement TRUNCATE trigger
 * (a partition truncated alone changes the tree's fingerprint instead).
 *
 * <p>Triggers are named after the buffer ({@code pgtrickle_capture_<id>_row}), so that a captured
 * table can be attached as a partition of another captured table: PostgreSQL refuses to clone a
 * trigger onto a partition that has one of the same name. Triggers are recognised by their function
 * and what they fire on, not by name (engines before 0.7.0.10 used fixed names).
 */
public final class CaptureTriggers {

    private static final String PREFIX = "pgtrickle_capture_";

    private CaptureTriggers() {
    }

    /** What a capture trigger fires on: by row or statement, and the events (the bits of {@code pg_trigger.tgtype}). */
    private enum Kind {
        ROW(true, 4 | 8 | 16, "AFTER INSERT OR UPDATE OR DELETE", "FOR EACH ROW"),
        INSERT(false, 4, "AFTER INSERT", "REFERENCING NEW TABLE AS __pgt_new FOR EACH STATEMENT"),
        UPDATE(false, 16, "AFTER UPDATE", "REFERENCING OLD TABLE AS __pgt_old NEW TABLE AS __pgt_new FOR EACH STATEMENT"),
        DELETE(false, 8, "AFTER DELETE", "REFERENCING OLD TABLE AS __pgt_old FOR EACH STATEMENT"),
        TRUNCATE(false, 32, "AFTER TRUNCATE", "FOR EACH STATEMENT");

        private final boolean row;
        private final int events;
        private final String timing;
        private final String level;

        Kind(boolean row, int events, String timing, String level) {
            this.row = row;
            this.events = events;
            this.timing = timing;
            this.level = level;
        }

        static List<Kind> forMode(String mode) {
            return "row".equals(mode) ? List.of(ROW, TRUNCATE) : List.of(INSERT, UPDATE, DELETE, TRUNCATE);
        }

        static Optional<Kind> of(boolean row, int events) {
            return Arrays.stream(values()).filter(k -> k.row == row && k.events == events).findFirst();
        }

        String ddl(CaptureInfo info, String table) {
            return "CREATE TRIGGER " + PgQuote.ident(PREFIX + info.bufferId() + "_" + name().toLowerCase(java.util.Locale.ROOT))
                    + " " + timing + " ON " + table + " " + level + " EXECUTE FUNCTION " + info.qualifiedFunction() + "()";
        }
    }

    /** A table that carries (or should carry) triggers of a capture. */
    record Holder(long oid, String schema, String name) {

        String qualified() {
            return PgQuote.qualified(schema, name);
        }

        Relation asRelation() {
            return new Relation(oid, schema, name, RelationKind.TABLE, List.of(), List.of(), false);
        }
    }

    /**
     * Where the triggers of a source go.
     *
     * @param inTree  whether the source is partitioned, a partition, or in an inheritance tree: then
     *                its triggers fire by row
     * @param holders the source first, then (an inheritance parent's) descendants
     */
    record Placement(boolean inTree, List<Holder> holders) {

        /** The mode the triggers must have: by row in a tree, else {@code configured}. */
        String mode(String configured) {
            return inTree ? "row" : configured;
        }
    }

    /**
     * Whether the relation is partitioned, a partition, or in an inheritance tree: a statement that
     * names another member of its tree writes its rows without firing its statement triggers.
     */
    public static boolean inTree(Connection c, long sourceOid) throws SQLException {
        return placement(c, sourceOid).inTree();
    }

    static Placement placement(Connection c, long sourceOid) throws SQLException {
        boolean inTree = false;
        List<Holder> holders = new ArrayList<>();
        // A partitioned table's partitions get clones of its row triggers: only a plain parent's
        // descendants (inheritance children, which are never partitioned) carry triggers of their own.
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE below(oid, depth) AS (
                    SELECT i.inhrelid, 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                     WHERE i.inhparent = ? AND p.relkind = 'r'
                    UNION
                    SELECT i.inhrelid, b.depth + 1 FROM below b JOIN pg_inherits i ON i.inhparent = b.oid)
                SELECT c.oid, n.nspname, c.relname,
                       c.relkind = 'p' OR c.relispartition
                           OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid)
                  FROM (SELECT ?::oid AS oid, 0 AS depth UNION ALL SELECT b.oid, min(b.depth) FROM below b GROUP BY b.oid) t
                  JOIN pg_class c ON c.oid = t.oid JOIN pg_namespace n ON n.oid = c.relnamespace
                 ORDER BY t.depth, c.oid""")) {
            ps.setLong(1, sourceOid);
            ps.setLong(2, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) == sourceOid) {
                        inTree = rs.getBoolean(4);
                    }
                    holders.add(new Holder(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return new Placement(inTree, holders);
    }

    /** A trigger of the capture as it is: on which table, called what, firing how (null: not a kind capture uses). */
    private record Existing(Holder table, String name, Kind kind) {
    }

    private static List<Existing> existing(Connection c, CaptureInfo info) throws SQLException {
        List<Existing> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.tgrelid, n.nspname, c.relname, t.tgname, (t.tgtype & 1) <> 0, t.tgtype & 60
                  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE t.tgfoid = to_regprocedure(?) AND t.tgparentid = 0
                 ORDER BY t.tgrelid, t.tgname""")) {
            ps.setString(1, info.qualifiedFunction() + "()");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Existing(new Holder(rs.getLong(1), rs.getString(2), rs.getString(3)), rs.getString(4),
                            Kind.of(rs.getBoolean(5), rs.getInt(6)).orElse(null)));
                }
            }
        }
        return out;
    }

    /** What {@link #sync} would do: triggers to drop, and per holder the kinds to create. */
    private record Difference(List<Existing> drop, Map<Holder, List<Kind>> create) {

        boolean none() {
            return drop.isEmpty() && create.isEmpty();
        }

        /** The tables whose triggers change. */
        List<Holder> tables() {
            Map<Long, Holder> out = new LinkedHashMap<>();
            drop.forEach(e -> out.putIfAbsent(e.table().oid(), e.table()));
            create.keySet().forEach(h -> out.putIfAbsent(h.oid(), h));
            return List.copyOf(out.values());
        }
    }

    private static Difference difference(Connection c, CaptureInfo info, Placement placement, String mode) throws SQLException {
        List<Existing> unmatched = new ArrayList<>(existing(c, info));
        Map<Holder, List<Kind>> create = new LinkedHashMap<>();
        for (Holder h : placement.holders()) {
            for (Kind k : Kind.forMode(mode)) {
                Optional<Existing> have = unmatched.stream().filter(e -> e.table().oid() == h.oid() && e.kind() == k).findFirst();
                if (have.isPresent()) {
                    unmatched.remove(have.get());
                } else {
                    create.computeIfAbsent(h, x -> new ArrayList<>()).add(k);
                }
            }
        }
        return new Difference(unmatched, create);
    }

    /**
     * The tables whose triggers {@link #sync} would change; empty when the triggers are as they
     * should be. The caller locks them (and the source, whose lock covers its tree) against writers
     * before its snapshot.
     */
    static List<Relation> toChange(Connection c, CaptureInfo info, Placement placement, String mode) throws SQLException {
        return difference(c, info, placement, mode).tables().stream().map(Holder::asRelation).toList();
    }

    /**
     * Brings the triggers of a capture to its placement: drops what does not belong (on a table that
     * left the tree too) and creates what is missing. Every table whose triggers change must be locked
     * against writers by this transaction already, from before its snapshot: a write between the
     * snapshot and the change would be captured twice or not at all. When one is not (it joined or
     * left the tree after the caller chose its locks), the transaction fails as a serialization
     * failure, to be tried again.
     */
    static void sync(Connection c, CaptureInfo info, Placement placement, String mode) throws SQLException {
        Difference d = difference(c, info, placement, mode);
        if (d.none()) {
            return;
        }
        for (Holder h : d.tables()) {
            if (!lockedAgainstWriters(c, h.oid())) {
                throw new SQLException("capture of " + info.sourceName() + " must change on " + h.qualified()
                        + ", which this transaction did not lock first (it joined or left the tree meanwhile)", "40001");
            }
        }
        try (Statement st = c.createStatement()) {
            for (Existing e : d.drop()) {
                st.execute("DROP TRIGGER " + PgQuote.ident(e.name()) + " ON " + e.table().qualified());
            }
            for (Map.Entry<Holder, List<Kind>> e : d.create().entrySet()) {
                for (Kind k : e.getValue()) {
                    st.execute(k.ddl(info, e.getKey().qualified()));
                }
            }
        }
    }

    /**
     * The statements that create the triggers a capture lacks, run later by the caller under its own
     * bounded lock attempt (capture installed first, {@link CaptureFirst}): CREATE TRIGGER takes the
     * lock on its table that waits for the writers in flight.
     */
    static List<String> creations(Connection c, CaptureInfo info, Placement placement, String mode) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Holder, List<Kind>> e : difference(c, info, placement, mode).create().entrySet()) {
            for (Kind k : e.getValue()) {
                out.add(k.ddl(info, e.getKey().qualified()));
            }
        }
        return out;
    }

    private static boolean lockedAgainstWriters(Connection c, long relationOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_locks l
                                WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid() AND l.granted
                                  AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                                  AND l.relation = ?::oid
                                  AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'))""")) {
            ps.setLong(1, relationOid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
