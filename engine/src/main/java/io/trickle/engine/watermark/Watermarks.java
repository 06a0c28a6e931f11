package io.trickle.engine.watermark;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.SqlWork;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The watermark SQL API (DESIGN §5) for Java callers: every call goes through the same PL/pgSQL
 * function an ETL job would call, so the rules (monotonic watermarks, at least two distinct sources,
 * tolerance ≥ 0, a new name) and their messages exist once, in the catalog. What this class adds is
 * reading names as DESIGN §4 does ({@code [schema.]name}, default schema {@code public}) and turning
 * results into the API's records. A refused call changes nothing: each runs in one transaction.
 */
public final class Watermarks {

    /** The channel {@code advance_watermark} and the group functions notify; the scheduler listens. */
    public static final String CHANNEL = "pgtrickle_watermark";

    private final Database database;

    public Watermarks(Database database) {
        this.database = database;
    }

    /** {@code advance_watermark}: monotonic; the same value again changes nothing. */
    public void advance(String source, Instant watermark) {
        String doing = "advancing the watermark of " + source;
        inTransaction(doing, c -> {
            long oid = resolve(c, "cannot advance a watermark", source);
            try (PreparedStatement ps = c.prepareStatement("SELECT pgtrickle.advance_watermark(?::oid::regclass, ?)")) {
                ps.setLong(1, oid);
                if (watermark == null) {
                    ps.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(2, watermark.atOffset(ZoneOffset.UTC));
                }
                ps.executeQuery().close();
            }
            return null;
        });
    }

    /** {@code create_watermark_group}; returns the group as {@code watermark_groups()} shows it. */
    public WatermarkGroup createGroup(String name, List<String> sources, Duration tolerance) {
        String doing = "creating watermark group " + name;
        return inTransaction(doing, c -> {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("cannot create a watermark group without a name");
            }
            String context = "cannot create watermark group " + name;
            if (sources == null) {
                throw new InvalidInputException(context + ": the sources must not be null");
            }
            List<Long> oids = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i) == null || sources.get(i).isBlank()) {
                    throw new InvalidInputException(context + ": source " + (i + 1) + " of the list is empty");
                }
                oids.add(resolve(c, context, sources.get(i)));
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pgtrickle.create_watermark_group(?, ?::oid[]::regclass[], ?::interval)")) {
                ps.setString(1, name);
                ps.setArray(2, c.createArrayOf("oid", oids.toArray()));
                ps.setString(3, Intervals.literal(tolerance));
                ps.executeQuery().close();
            }
            return readGroups(c, name).get(0);
        });
    }

    /** {@code drop_watermark_group}. */
    public void dropGroup(String name) {
        inTransaction("dropping watermark group " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pgtrickle.drop_watermark_group(?)")) {
                ps.setString(1, name);
                ps.executeQuery().close();
            }
            return null;
        });
    }

    /** {@code watermarks()}: every existing source that has a watermark. */
    public List<WatermarkInfo> list() {
        return inTransaction("reading watermarks", c -> {
            List<WatermarkInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT source_table, schema_name, watermark, updated_at, advanced_by, wal_lsn::text
                      FROM pgtrickle.watermarks()""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WatermarkInfo(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    /** {@code watermark_groups()}. */
    public List<WatermarkGroup> groups() {
        return inTransaction("reading watermark groups", c -> readGroups(c, null));
    }

    /** {@code watermark_status()}: each group's alignment, by the rule the scheduler gates on. */
    public List<WatermarkGroupStatus> status() {
        return inTransaction("reading watermark status", c -> {
            List<WatermarkGroupStatus> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT group_name, min_watermark, max_watermark, "
                    + Intervals.seconds("lag") + ", aligned, sources_with_watermark, sources_total"
                    + " FROM pgtrickle.watermark_status()");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WatermarkGroupStatus(rs.getString(1), instant(rs, 2), instant(rs, 3),
                            Intervals.fromSeconds(rs.getBigDecimal(4)), rs.getBoolean(5), rs.getInt(6), rs.getInt(7)));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static List<WatermarkGroup> readGroups(Connection c, String only) throws SQLException {
        List<WatermarkGroup> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.group_name,"
                + " ARRAY(SELECT pgtrickle.watermark_source_name(u.source)"
                + "         FROM unnest(g.sources) WITH ORDINALITY AS u(source, n) ORDER BY u.n),"
                + " " + Intervals.seconds("g.tolerance") + ", g.created_at"
                + " FROM pgtrickle.watermark_groups() g WHERE ?::text IS NULL OR g.group_name = ?")) {
            ps.setString(1, only);
            ps.setString(2, only);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array sources = rs.getArray(2);
                    out.add(new WatermarkGroup(rs.getString(1), Arrays.asList((String[]) sources.getArray()),
                            Intervals.fromSeconds(rs.getBigDecimal(3)), instant(rs, 4)));
                }
            }
        }
        return out;
    }

    /** The OID of the relation {@code text} names, read as DESIGN §4 reads names. */
    private static long resolve(Connection c, String context, String text) throws SQLException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(context + ": no source table given");
        }
        QualifiedName name;
        try {
            name = QualifiedName.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(context + ": " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname = ?""")) {
            ps.setString(1, name.schema());
            ps.setString(2, name.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException(context + ": relation " + name + " does not exist");
                }
                return rs.getLong(1);
            }
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private <T> T inTransaction(String doing, SqlWork<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return Database.inTransaction(c, Connection.TRANSACTION_READ_COMMITTED, work);
        } catch (SQLException e) {
            throw WatermarkErrors.translate(doing, e, database.target());
        }
    }
}
