package io.trickle.engine.cli;

import io.trickle.engine.api.Durations;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watermark", mixinStandardHelpOptions = true,
        header = "Watermarks: say how far ETL jobs have loaded their tables, and group tables loaded together.",
        description = {"The scheduler refreshes a stream table only when every watermark group with at least two "
                + "sources beneath it is aligned: each source has a watermark, and the newest minus the oldest is "
                + "within the group's tolerance. A source that has not reported yet counts as lagging. ETL jobs "
                + "usually call pgtrickle.advance_watermark() from SQL, in the transaction that loads the data."},
        subcommands = {WatermarkCommand.Advance.class, WatermarkCommand.Status.class, WatermarkCommand.Group.class})
final class WatermarkCommand extends GroupCommand {

    @Command(name = "advance", mixinStandardHelpOptions = true,
            header = "Declare that a source is loaded up to a point in time.",
            description = {"Watermarks only move forward: an older value is refused (exit 2), the same value again "
                    + "changes nothing. Wakes the scheduler."})
    static final class Advance extends EngineCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "[schema.]name of the source table")
        String source;

        @Parameters(index = "1", paramLabel = "TIMESTAMP",
                description = "e.g. 2026-03-01 or '2026-03-01 06:30:00+01' (UTC when no offset is given)")
        String timestamp;

        @Override
        protected CliResult execute(Trickle trickle) {
            Instant watermark = TimeArguments.timestamp(timestamp);
            trickle.advanceWatermark(source, watermark);
            String name = QualifiedName.parse(source).toString();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("source_table", name);
            json.put("watermark", watermark);
            return CliResult.of(json, out -> out.printf("%s: watermark %s%n", name, instant(watermark)));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            header = "Show each group's alignment and each source's watermark.")
    static final class Status extends EngineCommand {
        @Override
        protected CliResult execute(Trickle trickle) {
            List<WatermarkGroup> groups = trickle.watermarkGroups();
            List<WatermarkGroupStatus> status = trickle.watermarkStatus();
            List<WatermarkInfo> watermarks = trickle.watermarks();
            Map<String, WatermarkGroup> byName = groups.stream()
                    .collect(Collectors.toMap(WatermarkGroup::name, Function.identity()));
            List<Map<String, Object>> groupJson = status.stream().map(s -> groupJson(s, byName.get(s.name()))).toList();
            List<Map<String, Object>> sourceJson = watermarks.stream().map(Status::sourceJson).toList();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("groups", groupJson);
            json.put("watermarks", sourceJson);
            return CliResult.of(json, out -> print(out, status, byName, watermarks));
        }

        private static Map<String, Object> groupJson(WatermarkGroupStatus s, WatermarkGroup g) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group_name", s.name());
            m.put("sources", g == null ? List.of() : g.sources());
            m.put("tolerance_seconds", g == null ? null : seconds(g.tolerance()));
            m.put("aligned", s.aligned());
            m.put("min_watermark", s.minWatermark());
            m.put("max_watermark", s.maxWatermark());
            m.put("lag_seconds", seconds(s.lag()));
            m.put("sources_with_watermark", s.sourcesWithWatermark());
            m.put("sources_total", s.sourcesTotal());
            return m;
        }

        private static Map<String, Object> sourceJson(WatermarkInfo w) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source_table", w.sourceTable());
            m.put("schema_name", w.schemaName());
            m.put("watermark", w.watermark());
            m.put("updated_at", w.updatedAt());
            m.put("advanced_by", w.advancedBy());
            m.put("wal_lsn", w.walLsn());
            return m;
        }

        private static void print(PrintWriter out, List<WatermarkGroupStatus> status, Map<String, WatermarkGroup> groups,
                                  List<WatermarkInfo> watermarks) {
            if (status.isEmpty()) {
                out.println("No watermark groups");
            } else {
                TextTable t = new TextTable("GROUP", "ALIGNED", "REPORTED", "OLDEST", "NEWEST", "LAG", "TOLERANCE",
                        "SOURCES");
                for (WatermarkGroupStatus s : status) {
                    WatermarkGroup g = groups.get(s.name());
                    t.row(s.name(), s.aligned() ? "yes" : "no", s.sourcesWithWatermark() + "/" + s.sourcesTotal(),
                            instant(s.minWatermark()), instant(s.maxWatermark()), Durations.compact(s.lag()),
                            g == null ? "-" : Durations.compact(g.tolerance()), g == null ? "-" : String.join(", ", g.sources()));
                }
                t.print(out);
            }
            out.println();
            if (watermarks.isEmpty()) {
                out.println("No watermarks");
                return;
            }
            TextTable t = new TextTable("SOURCE", "WATERMARK", "UPDATED (UTC)", "BY", "WAL LSN");
            for (WatermarkInfo w : watermarks) {
                t.row(w.sourceTable(), instant(w.watermark()), instant(w.updatedAt()), w.advancedBy(), w.walLsn());
            }
            t.print(out);
        }
    }

    @Command(name = "group", mixinStandardHelpOptions = true,
            header = "Create or drop watermark groups.",
            subcommands = {Group.Create.class, Group.Drop.class})
    static final class Group extends GroupCommand {

        @Command(name = "create", mixinStandardHelpOptions = true,
                header = "Declare sources that must be loaded up to the same point before the tables over them refresh.",
                description = {"Needs at least two distinct existing sources and a new name. To change a group, drop "
                        + "it and create it again."})
        static final class Create extends EngineCommand {
            @Parameters(index = "0", paramLabel = "NAME", description = "the group's name")
            String name;

            @Option(names = "--sources", required = true, split = ",", paramLabel = "A,B",
                    description = "the source tables, [schema.]name, separated by commas")
            List<String> sources;

            @Option(names = "--tolerance", paramLabel = "INTERVAL", defaultValue = "0",
                    description = "how far apart the watermarks may be: 0 (default), 90 (seconds), 30s, 1h30m, "
                            + "'5 minutes', 00:05:00 or PT5M")
            String tolerance;

            @Override
            protected CliResult execute(Trickle trickle) {
                Duration d = TimeArguments.interval(tolerance);
                WatermarkGroup g = trickle.createWatermarkGroup(name, sources, d);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("group_name", g.name());
                json.put("sources", g.sources());
                json.put("tolerance_seconds", seconds(g.tolerance()));
                json.put("created_at", g.createdAt());
                return CliResult.of(json, out -> out.printf("Created watermark group %s over %s, tolerance %s%n", g.name(),
                        String.join(", ", g.sources()), Durations.compact(g.tolerance())));
            }
        }

        @Command(name = "drop", mixinStandardHelpOptions = true, header = "Drop a watermark group.",
                description = {"The stream tables it held back refresh at the scheduler's next tick."})
        static final class Drop extends EngineCommand {
            @Parameters(index = "0", paramLabel = "NAME", description = "the group's name")
            String name;

            @Override
            protected CliResult execute(Trickle trickle) {
                trickle.dropWatermarkGroup(name);
                return CliResult.of(Map.of("dropped", name), out -> out.printf("Dropped watermark group %s%n", name));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    static String instant(Instant t) {
        return t == null ? "-" : UTC.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    static Double seconds(Duration d) {
        return d == null ? null : d.toNanos() / 1e9;
    }
}
