package io.trickle.desktop.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a benchmark CSV in the format of DESIGN §6, as {@code trickle bench} writes it: a header
 * with at least {@link #COLUMNS} (in any order; extra columns may follow), one row per measured
 * cycle. Fields may be quoted with double quotes ({@code ""} for a quote). A file that is not such a
 * CSV is refused with a message naming the file, the line and what is wrong.
 */
public final class BenchmarkCsvReader {

    /** The columns every benchmark CSV has (DESIGN §6). */
    public static final List<String> COLUMNS = List.of("run_id", "started_at", "scenario", "rows", "change_pct", "mode",
            "cycle", "refresh_ms", "rows_changed", "st_rows", "writers");

    private BenchmarkCsvReader() {
    }

    /** Reads one file; blocks on I/O, so call it in a background task. */
    public static BenchmarkRun read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return parse(file, lines);
    }

    static BenchmarkRun parse(Path file, List<String> lines) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<List<String>> records = records(name, lines);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: a benchmark CSV starts with the header "
                    + String.join(",", COLUMNS));
        }
        List<String> header = records.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        List<String> missing = COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + " is not a benchmark CSV (DESIGN §6): its header lacks "
                    + String.join(", ", missing));
        }
        List<String> extras = header.stream().filter(h -> !COLUMNS.contains(h)).toList();
        List<BenchmarkRun.Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            rows.add(row(name, r + 1, fields, index, extras));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + " holds a header but no measured cycle");
        }
        BenchmarkRun.Row first = rows.get(0);
        Instant started = rows.stream().map(BenchmarkRun.Row::startedAt).min(Instant::compareTo).orElse(first.startedAt());
        return new BenchmarkRun(file, first.runId(), started, rows, extras);
    }

    private static BenchmarkRun.Row row(String file, int line, List<String> fields, Map<String, Integer> index,
                                        List<String> extras) {
        Field f = new Field(file, line, fields, index);
        Map<String, String> extraValues = new LinkedHashMap<>();
        for (String extra : extras) {
            Integer i = index.get(extra);
            extraValues.put(extra, i != null && i < fields.size() ? fields.get(i) : "");
        }
        return new BenchmarkRun.Row(f.text("run_id"), f.instant("started_at"), f.text("scenario"), f.whole("rows"),
                f.number("change_pct"), f.text("mode").toUpperCase(Locale.ROOT), (int) f.whole("cycle"),
                f.number("refresh_ms"), f.whole("rows_changed"), f.whole("st_rows"), (int) f.whole("writers"),
                extraValues);
    }

    /** The fields of one line, read by column name, with errors that say where. */
    private record Field(String file, int line, List<String> fields, Map<String, Integer> index) {
        String text(String column) {
            int i = index.get(column);
            if (i >= fields.size()) {
                throw problem(column, "is missing");
            }
            return fields.get(i).trim();
        }

        long whole(String column) {
            return parsed(column, Long::parseLong, "should be a whole number");
        }

        double number(String column) {
            return parsed(column, Double::parseDouble, "should be a number");
        }

        Instant instant(String column) {
            return parsed(column, Instant::parse, "should be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }

        /** The column read by {@code parse}; a value it refuses is reported with {@code expectation}. */
        private <T> T parsed(String column, Function<String, T> parse, String expectation) {
            String v = text(column);
            try {
                return parse.apply(v);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw problem(column, expectation + ", not '" + v + "'");
            }
        }

        IllegalArgumentException problem(String column, String what) {
            return new IllegalArgumentException(file + ", line " + line + ": " + column + " " + what);
        }
    }

    /** Splits the lines into records of fields; a quoted field may span lines. */
    private static List<List<String>> records(String file, List<String> lines) {
        List<List<String>> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int startLine = 1;
        for (int n = 0; n < lines.size(); n++) {
            String line = n == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(n);
            if (!quoted) {
                startLine = n + 1;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                field.append('\n');
                continue;
            }
            fields.add(field.toString());
            field.setLength(0);
            out.add(fields);
            fields = new ArrayList<>();
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ", line " + startLine + ": a quoted field is never closed");
        }
        return out;
    }
}
