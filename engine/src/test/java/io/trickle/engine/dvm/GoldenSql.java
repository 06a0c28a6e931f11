package io.trickle.engine.dvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generated SQL kept as reviewed files under {@code src/test/resources/golden/}: a test compares what
 * the engine writes now with the file, so a change to one rule shows as a diff of the files it
 * touches. {@code -Dgolden.update=true} writes the files instead (review the diff, then commit).
 * The SQL is laid out one clause to a line, nested queries indented, short parentheses kept on one
 * line, each CTE of a WITH list on lines of its own; the layout only changes whitespace outside
 * quotes, so two texts that differ in SQL differ in layout too.
 */
final class GoldenSql {

    /** Whether this run writes the golden files instead of comparing with them. */
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** Parentheses whose content is at most this long stay on one line. */
    private static final int SHORT = 70;

    private static final List<String> BREAKS = List.of("LEFT JOIN LATERAL", "CROSS JOIN LATERAL", "UNION ALL",
            "EXCEPT ALL", "INTERSECT ALL", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN", "GROUP BY", "ORDER BY",
            "UNION", "EXCEPT", "INTERSECT", "SELECT", "FROM", "WHERE", "HAVING", "JOIN");

    private GoldenSql() {
    }

    /** Compares {@code actual} with the golden file {@code relative} (under golden/), or writes it when updating. */
    static void check(String relative, String actual) {
        Path source = Path.of("src/test/resources/golden").resolve(relative);
        try {
            if (UPDATE) {
                Files.createDirectories(source.getParent());
                Files.writeString(source, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(source)) {
                throw new AssertionError("no golden file " + source + "; run with -Dgolden.update=true and review it");
            }
            assertEquals(Files.readString(source, StandardCharsets.UTF_8), actual,
                    "generated SQL differs from " + source + " (if the change is meant, run with -Dgolden.update=true and"
                            + " review the diff)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL with one clause to a line; whitespace outside quotes is normalised first. */
    static String layout(String sql) {
        return layout(collapse(sql), 0);
    }

    private static String layout(String s, int depth) {
        StringBuilder out = new StringBuilder();
        boolean afterLongGroup = false;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = endOfQuoted(s, i);
                out.append(s, i, end);
                i = end;
                afterLongGroup = false;
                continue;
            }
            if (ch == '(') {
                int close = matching(s, i);
                String inner = s.substring(i + 1, close).strip();
                // A CTE's body ("name AS (SELECT …)") always gets its own lines, so each CTE starts a line.
                boolean cteBody = endsWith(out, " AS ") && (inner.startsWith("SELECT") || inner.startsWith("WITH"));
                if (inner.length() <= SHORT && !cteBody) {
                    out.append('(').append(inner).append(')');
                    afterLongGroup = false;
                } else {
                    out.append("(\n").append(indent(depth + 1)).append(layout(inner, depth + 1)).append('\n')
                            .append(indent(depth)).append(')');
                    afterLongGroup = true;
                }
                i = close + 1;
                continue;
            }
            if (ch == ',' && afterLongGroup) {
                out.append(",\n").append(indent(depth));
                i++;
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                afterLongGroup = false;
                continue;
            }
            String keyword = keywordAt(s, i);
            if (keyword != null && out.length() > 0 && !(keyword.equals("FROM") && endsWith(out, "DISTINCT "))) {
                while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n').append(indent(depth));
                }
                out.append(keyword);
                i += keyword.length();
                afterLongGroup = false;
                continue;
            }
            if (ch != ' ') {
                afterLongGroup = false;
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    private static boolean endsWith(StringBuilder sb, String suffix) {
        return sb.length() >= suffix.length() && sb.substring(sb.length() - suffix.length()).equals(suffix);
    }

    private static String keywordAt(String s, int i) {
        if (i > 0 && s.charAt(i - 1) != ' ') {
            return null;
        }
        for (String k : BREAKS) {
            int end = i + k.length();
            if (s.startsWith(k, i) && (end == s.length() || s.charAt(end) == ' ' || s.charAt(end) == '(')) {
                return k;
            }
        }
        return null;
    }

    private static String indent(int depth) {
        return "  ".repeat(depth);
    }

    /** Whitespace runs outside quotes become one space; none after '(' or before ')'. */
    private static String collapse(String sql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = endOfQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (Character.isWhitespace(ch)) {
                while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                boolean afterOpen = out.length() > 0 && out.charAt(out.length() - 1) == '(';
                boolean beforeClose = i < sql.length() && sql.charAt(i) == ')';
                if (out.length() > 0 && !afterOpen && !beforeClose && i < sql.length()) {
                    out.append(' ');
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the closing quote of the quoted text starting at {@code start} ('' and "" escape). */
    private static int endOfQuoted(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated quote at " + start + ": " + s);
    }

    private static int matching(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '"') {
                i = endOfQuoted(s, i);
                continue;
            }
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced parenthesis at " + open + ": " + s);
    }
}
