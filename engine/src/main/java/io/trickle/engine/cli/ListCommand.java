package io.trickle.engine.cli;

import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        header = "List the stream tables with their status, mode, effective schedule, next due time, staleness"
                + " and the cycle (scc_id) they belong to.")
final class ListCommand extends EngineCommand {

    @Override
    protected CliResult execute(Trickle trickle) {
        List<StreamTableInfo> tables = trickle.list();
        return CliResult.of(Map.of("stream_tables", tables), out -> {
            if (tables.isEmpty()) {
                out.printf("No stream tables in %s%n", trickle.databaseName());
                return;
            }
            TextTable t = new TextTable("NAME", "STATUS", "MODE", "SCHEDULE", "EFFECTIVE", "NEXT DUE", "STALENESS",
                    "ERRORS", "CYCLE");
            for (StreamTableInfo st : tables) {
                t.row(st.name(), st.status(), st.refreshMode().name().equals(st.effectiveMode().name())
                                ? st.refreshMode().name() : st.refreshMode() + "→" + st.effectiveMode(), st.schedule(),
                        st.effectiveSchedule() == null ? "-" : st.effectiveSchedule(), nextDue(st),
                        TextTable.seconds(st.stalenessSeconds()), String.valueOf(st.consecutiveErrors()),
                        st.sccId() == null ? "-" : String.valueOf(st.sccId()));
            }
            t.print(out);
            for (StreamTableInfo st : tables) {
                if (st.lockHeldBy() != null) {
                    out.printf("warning: %s: %s%n", st.name(), st.lockHeldBy());
                }
            }
        });
    }

    /** UTC to the second; "in transaction" for IMMEDIATE tables, "not scheduled" for suspended and failed ones. */
    private static String nextDue(StreamTableInfo st) {
        if (st.nextDueAt() == null && st.refreshMode() == io.trickle.engine.api.RefreshMode.IMMEDIATE) {
            return "in transaction";
        }
        if (st.nextDueAt() == null) {
            return "not scheduled";
        }
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(st.nextDueAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
