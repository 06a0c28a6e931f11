package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Installs and removes change capture on a source (DESIGN §2). One buffer per source, shared by
 * every stream table that reads it. The capture function writes each changed row as JSON
 * ({@code row_to_json}, which survives any later DDL on the source: a write never fails because of
 * capture), with the writer's transaction id; an UPDATE is written as the old row removed and the
 * new row added, TRUNCATE as a marker. It runs as its owner (SECURITY DEFINER) with a fixed
 * search_path and fixed output settings, so that the same row always gives the same text whoever
 * writes it. Rows are read as {@code __pgt_row.*}: a bare alias would name a column instead when the
 * source has a column of that name, and capture must never make a write fail.
 */
public final class CaptureInstaller {

    static final String TRIGGER_PREFIX = "pgtrickle_capture_";

    /** Capture of {@code sourceOid}, if installed. */
    public Optional<CaptureInfo> find(Connection c, long sourceOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT buffer_id, format('%I.%I', source_schema, source_name), trigger_mode
                  FROM pgtrickle.pgt_change_tracking WHERE source::oid = ?""")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CaptureInfo(rs.getLong(1), sourceOid, rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Makes sure {@code source} is captured; installs buffer, function and triggers when it is not.
     * The caller holds a lock on the source that excludes writers (see {@code lockForCapture}), so
     * that no write can slip between the triggers' creation and the snapshot that populates.
     */
    public CaptureInfo ensure(Connection c, Relation source, String triggerMode) throws SQLException {
        Optional<CaptureInfo> existing = find(c, source.oid());
        if (existing.isPresent()) {
            return existing.get();
        }
        long bufferId;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_change_tracking (source, source_schema, source_name, buffer_table, trigger_mode)
                VALUES (?::oid::regclass, ?, ?, '', ?) RETURNING buffer_id""")) {
            ps.setLong(1, source.oid());
            ps.setString(2, source.schema());
            ps.setString(3, source.name());
            ps.setString(4, triggerMode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                bufferId = rs.getLong(1);
            }
        }
        CaptureInfo info = new CaptureInfo(bufferId, source.oid(), source.qualifiedName(), triggerMode);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pgtrickle.pgt_change_tracking SET buffer_table = ? WHERE buffer_id = ?")) {
            ps.setString(1, CaptureInfo.bufferTable(bufferId));
            ps.setLong(2, bufferId);
            ps.executeUpdate();
        }
        String table = PgQuote.qualified(source.schema(), source.name());
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + info.qualifiedBuffer() + " ("
                    + "xid xid8 NOT NULL DEFAULT pg_current_xact_id(), "
                    + "action \"char\" NOT NULL, "
                    + "data json)");
            st.execute("CREATE INDEX ON " + info.qualifiedBuffer() + " (xid)");
            st.execute("COMMENT ON TABLE " + info.qualifiedBuffer() + " IS "
                    + PgQuote.literal("Trickle change buffer of " + source.qualifiedName()));
            st.execute(functionDdl(info));
            for (String trigger : triggerDdl(info, table)) {
                st.execute(trigger);
            }
        }
        return info;
    }

    private static String functionDdl(CaptureInfo info) {
        String buffer = info.qualifiedBuffer();
        return "CREATE FUNCTION " + info.qualifiedFunction() + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                + " SET search_path = pg_catalog, pg_temp"
                + " SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'"
                + " SET extra_float_digits = 1 SET bytea_output = 'hex'"
                + " AS $pgt$\nBEGIN\n"
                // Row-level security that hides rows of the source from the engine's role (this
                // function runs as it): keep none of them; a truncate marker makes every stream
                // table over the source recompute, where the policy is found (issue 18).
                + "  IF row_security_active(TG_RELID) THEN\n"
                + "    INSERT INTO " + buffer + " (action, data) VALUES ('T', NULL);\n"
                + "    RETURN NULL;\n"
                + "  END IF;\n"
                + "  IF TG_LEVEL = 'STATEMENT' THEN\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "      INSERT INTO " + buffer + " (action, data) SELECT 'I', row_to_json(__pgt_row.*) FROM __pgt_new __pgt_row;\n"
                + "    ELSIF TG_OP = 'DELETE' THEN\n"
                + "      INSERT INTO " + buffer + " (action, data) SELECT 'D', row_to_json(__pgt_row.*) FROM __pgt_old __pgt_row;\n"
                + "    ELSIF TG_OP = 'UPDATE' THEN\n"
                + "      INSERT INTO " + buffer + " (action, data) SELECT 'D', row_to_json(__pgt_row.*) FROM __pgt_old __pgt_row"
                + " UNION ALL SELECT 'I', row_to_json(__pgt_row.*) FROM __pgt_new __pgt_row;\n"
                + "    ELSIF TG_OP = 'TRUNCATE' THEN\n"
                + "      INSERT INTO " + buffer + " (action, data) VALUES ('T', NULL);\n"
                + "    END IF;\n"
                + "  ELSE\n"
                + "    IF TG_OP IN ('DELETE', 'UPDATE') THEN\n"
                + "      INSERT INTO " + buffer + " (action, data) VALUES ('D', row_to_json(OLD));\n"
                + "    END IF;\n"
                + "    IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
                + "      INSERT INTO " + buffer + " (action, data) VALUES ('I', row_to_json(NEW));\n"
                + "    END IF;\n"
                + "  END IF;\n"
                + "  RETURN NULL;\n"
                + "END\n$pgt$";
    }

    private static List<String> triggerDdl(CaptureInfo info, String table) {
        String fn = info.qualifiedFunction() + "()";
        String truncate = "CREATE TRIGGER " + TRIGGER_PREFIX + "truncate AFTER TRUNCATE ON " + table
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + fn;
        if ("row".equals(info.triggerMode())) {
            return List.of("CREATE TRIGGER " + TRIGGER_PREFIX + "row AFTER INSERT OR UPDATE OR DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION " + fn, truncate);
        }
        return List.of(
                "CREATE TRIGGER " + TRIGGER_PREFIX + "insert AFTER INSERT ON " + table
                        + " REFERENCING NEW TABLE AS __pgt_new FOR EACH STATEMENT EXECUTE FUNCTION " + fn,
                "CREATE TRIGGER " + TRIGGER_PREFIX + "update AFTER UPDATE ON " + table
                        + " REFERENCING OLD TABLE AS __pgt_old NEW TABLE AS __pgt_new FOR EACH STATEMENT EXECUTE FUNCTION " + fn,
                "CREATE TRIGGER " + TRIGGER_PREFIX + "delete AFTER DELETE ON " + table
                        + " REFERENCING OLD TABLE AS __pgt_old FOR EACH STATEMENT EXECUTE FUNCTION " + fn,
                truncate);
    }

    /**
     * Removes capture from a source once no stream table reads it any more: triggers, function,
     * buffer and tracking row. A source that is gone already just loses its catalog traces.
     */
    public boolean releaseIfUnused(Connection c, long sourceOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pgtrickle.pgt_dependencies WHERE source::oid = ?")) {
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
            // The triggers depend on the function and go with it. DROP TRIGGER itself would need
            // ownership of the source, which the engine may not have (TRIGGER privilege suffices to
            // capture, issue 18); dropping its own function needs none.
            st.execute("DROP FUNCTION IF EXISTS " + info.get().qualifiedFunction() + "() CASCADE");
            st.execute("DROP TABLE IF EXISTS " + info.get().qualifiedBuffer());
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgtrickle.pgt_change_tracking WHERE buffer_id = ?")) {
            ps.setLong(1, info.get().bufferId());
            ps.executeUpdate();
        }
        return true;
    }

}
