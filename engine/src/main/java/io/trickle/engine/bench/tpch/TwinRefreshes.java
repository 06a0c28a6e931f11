package io.trickle.engine.bench.tpch;

import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.bench.BenchmarkCsv;
import io.trickle.engine.db.PgQuote;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Refreshes one twin of one query, records the engine's duration in the summary and writes the
 * refresh as a CSV row (DESIGN §6, with the action, the AUTO table's effective mode and the seed as
 * extra columns).
 */
final class TwinRefreshes {

    /** What stays the same for every refresh of a run. */
    record Run(String runId, String schema, long lineitems, double changePct, long seed) {
    }

    private final Connection c;
    private final Trickle trickle;
    private final BenchmarkCsv csv;
    private final TpchSummary summary;
    private final Run run;

    TwinRefreshes(Connection c, Trickle trickle, BenchmarkCsv csv, TpchSummary summary, Run run) {
        this.c = c;
        this.trickle = trickle;
        this.csv = csv;
        this.summary = summary;
        this.run = run;
    }

    void refresh(TpchQuery q, Twin twin, int cycle) throws SQLException, IOException {
        Instant started = Instant.now();
        RefreshResult r = trickle.refresh(twin.table(run.schema(), q), twin == Twin.FULL ? RefreshOptions.FULL : RefreshOptions.DEFAULT);
        if (twin == Twin.AUTO) {
            summary.autoRefreshed(q.name(), cycle, r);
        } else {
            summary.fullRefreshed(q.name(), cycle, r);
        }
        csv.write(new BenchmarkCsv.Row(run.runId(), started, q.name(), run.lineitems(), run.changePct(), twin.name(), cycle,
                        r.durationMs(), r.rowsInserted() + r.rowsDeleted(), rows(twin.storageName(q)), 0),
                r.action().name(), twin == Twin.AUTO ? summary.effectiveMode(q.name()) : "FULL", String.valueOf(run.seed()));
    }

    private long rows(String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + PgQuote.qualified(run.schema(), table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
