package io.trickle.engine.bench;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Everything that maintains one scenario's query, each over its own copy of the sources: a
 * materialized view over the plain copy, pg_ivm's IMMV over the ivm copy (when pg_ivm can keep the
 * query), and two stream tables over Trickle's copy, one in the suite's mode and its FULL twin.
 * Stream tables are made with a long schedule, so that no scheduler refreshes them unless the suite
 * runs its own daemon and shortens the schedule ({@link #scheduleEverySecond}).
 */
final class ScenarioViews {

    /** No scheduler refreshes a table on this schedule within a run. */
    static final String IDLE_SCHEDULE = "24h";

    final Scenario scenario;
    final String schema;
    /** Why there is no IMMV (pg_ivm missing or unable to keep the query), or its caveat; null when it is fine. */
    final String pgIvmNote;
    final boolean hasImmv;

    private ScenarioViews(Scenario scenario, String schema, boolean hasImmv, String pgIvmNote) {
        this.scenario = scenario;
        this.schema = schema;
        this.hasImmv = hasImmv;
        this.pgIvmNote = pgIvmNote;
    }

    static ScenarioViews create(Connection c, Trickle trickle, PgIvm ivm, Scenario s, String schema, String mode)
            throws SQLException {
        ScenarioViews v = new ScenarioViews(s, schema, false, null);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE MATERIALIZED VIEW " + v.mv() + " AS " + s.query(Copy.PLAIN.in(schema)));
        }
        Optional<String> refused = ivm.create(c, v.immv(), s.query(Copy.IVM.in(schema)));
        String note = refused.orElse(null);
        if (refused.isEmpty() && !PgIvm.hasUniqueIndex(c, v.immv())) {
            note = "pg_ivm made no unique index on its view (its maintenance scans the view)";
        }
        trickle.create(v.streamTable(), s.query(Copy.TRICKLE.in(schema)), "IMMEDIATE".equals(mode) ? null : IDLE_SCHEDULE,
                mode, true);
        trickle.create(v.fullTwin(), s.query(Copy.TRICKLE.in(schema)), IDLE_SCHEDULE, "FULL", true);
        return new ScenarioViews(s, schema, refused.isEmpty(), note);
    }

    /** The materialized view, quoted. */
    String mv() {
        return PgQuote.qualified(schema, "mv_" + scenario.csvName());
    }

    /** pg_ivm's view, quoted. */
    String immv() {
        return PgQuote.qualified(schema, "immv_" + scenario.csvName());
    }

    /** The measured stream table, as the engine's commands take names. */
    String streamTable() {
        return QualifiedName.of(schema, "st_" + scenario.csvName()).toString();
    }

    /** The FULL twin. */
    String fullTwin() {
        return QualifiedName.of(schema, "st_" + scenario.csvName() + "_full").toString();
    }

    /** The measured stream table's storage, quoted for SQL. */
    String streamTableSql() {
        return PgQuote.qualified(schema, "st_" + scenario.csvName());
    }

    String fullTwinSql() {
        return PgQuote.qualified(schema, "st_" + scenario.csvName() + "_full");
    }

    /** The query as the stream tables run it (the oracle's reference). */
    String trickleQuery() {
        return scenario.query(Copy.TRICKLE.in(schema));
    }

    /** Lets a daemon refresh the measured table every second (its FULL twin stays on request only). */
    void scheduleEverySecond(Trickle trickle) {
        trickle.alter(streamTable(), null, "1s", null, null);
    }

    void scheduleIdle(Trickle trickle) {
        trickle.alter(streamTable(), null, IDLE_SCHEDULE, null, null);
    }

    static long count(Connection c, String quotedTable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + quotedTable);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops all of it: the stream tables through the engine, the views as SQL. */
    void drop(Connection c, Trickle trickle) throws SQLException {
        trickle.drop(fullTwin(), false);
        trickle.drop(streamTable(), false);
        try (Statement st = c.createStatement()) {
            st.execute("DROP MATERIALIZED VIEW IF EXISTS " + mv());
            if (hasImmv) {
                st.execute("DROP TABLE IF EXISTS " + immv());
            }
        }
    }
}
