package io.trickle.engine.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for the suite's report and the benchmark's summary. */
public final class ReportTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public ReportTable(String... header) {
        this.header = List.of(header);
    }

    public ReportTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (String c : cells) {
            row.add(c == null ? "" : c);
        }
        rows.add(row);
        return this;
    }

    /** The table, one line per row under a header and a rule, each line ending in a newline. */
    public String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(out, rule, width);
        for (List<String> r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            sb.append(cells.get(i));
            if (i < width.length - 1) {
                sb.append(" ".repeat(width[i] - cells.get(i).length() + 2));
            }
        }
        out.append(sb.toString().stripTrailing()).append('\n');
    }
}
