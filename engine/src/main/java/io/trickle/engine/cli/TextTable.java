package io.trickle.engine.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Columns aligned for a terminal. */
final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = header;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], cell(r, i).length());
            }
        }
        line(out, header, width);
        for (String[] r : rows) {
            line(out, r, width);
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = cell(cells, i);
            sb.append(c);
            if (i < width.length - 1) {
                sb.append(" ".repeat(width[i] - c.length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String cell(String[] r, int i) {
        return i < r.length && r[i] != null ? r[i] : "";
    }

    static String seconds(Double s) {
        if (s == null) {
            return "-";
        }
        if (s < 10) {
            return String.format("%.1fs", s);
        }
        long t = Math.round(s);
        if (t < 120) {
            return t + "s";
        }
        if (t < 7200) {
            return (t / 60) + "m" + (t % 60 == 0 ? "" : (t % 60) + "s");
        }
        return (t / 3600) + "h" + ((t % 3600) / 60) + "m";
    }
}
