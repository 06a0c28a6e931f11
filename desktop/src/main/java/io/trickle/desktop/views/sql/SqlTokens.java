package io.trickle.desktop.views.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL into the pieces the editor colours: keywords, string literals, quoted identifiers,
 * numbers and comments (line and nested block comments, as PostgreSQL reads them). Everything else
 * is plain text and gets no token. It never fails: text that does not close (a string still being
 * typed) runs to the end.
 */
public final class SqlTokens {

    public enum Kind {
        KEYWORD, STRING, IDENTIFIER, NUMBER, COMMENT;

        /** The style class the editor draws this kind with, e.g. {@code sql-keyword}. */
        public String styleClass() {
            return "sql-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** A coloured piece, from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Token(Kind kind, int start, int end) {
    }

    private static final Set<String> KEYWORDS = Set.of(
            "all", "and", "any", "array", "as", "asc", "between", "by", "case", "cast", "coalesce", "count", "create",
            "cross", "cube", "current_date", "current_timestamp", "delete", "desc", "distinct", "else", "end",
            "except", "exists", "false", "fetch", "filter", "first", "following", "for", "from", "full", "group",
            "grouping", "having", "ilike", "in", "inner", "insert", "intersect", "interval", "into", "is", "join",
            "last", "lateral", "left", "like", "limit", "materialized", "natural", "not", "null", "nulls", "offset",
            "on", "only", "or", "order", "outer", "over", "partition", "preceding", "range", "recursive", "right",
            "rollup", "row", "rows", "select", "set", "sets", "some", "table", "then", "ties", "true", "unbounded",
            "union", "update", "using", "values", "view", "when", "where", "window", "with", "within");

    private SqlTokens() {
    }

    public static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = lineEnd(sql, i);
                tokens.add(new Token(Kind.COMMENT, i, end));
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = blockCommentEnd(sql, i);
                tokens.add(new Token(Kind.COMMENT, i, end));
            } else if (c == '\'') {
                end = quotedEnd(sql, i, '\'');
                tokens.add(new Token(Kind.STRING, i, end));
            } else if (c == '"') {
                end = quotedEnd(sql, i, '"');
                tokens.add(new Token(Kind.IDENTIFIER, i, end));
            } else if (Character.isDigit(c) && !partOfWord(sql, i)) {
                end = numberEnd(sql, i);
                tokens.add(new Token(Kind.NUMBER, i, end));
            } else if (Character.isLetter(c) || c == '_') {
                end = wordEnd(sql, i);
                if (KEYWORDS.contains(sql.substring(i, end).toLowerCase(Locale.ROOT)) && !qualified(sql, i)) {
                    tokens.add(new Token(Kind.KEYWORD, i, end));
                }
            } else {
                end = i + 1;
            }
            i = end;
        }
        return tokens;
    }

    private static int lineEnd(String sql, int from) {
        int nl = sql.indexOf('\n', from);
        return nl < 0 ? sql.length() : nl;
    }

    /** Block comments nest in PostgreSQL. */
    private static int blockCommentEnd(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** A doubled quote stands for the quote itself. */
    private static int quotedEnd(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int numberEnd(String sql, int from) {
        int i = from;
        while (i < sql.length() && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String sql, int from) {
        int i = from;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
            i++;
        }
        return i;
    }

    /** A digit inside a name such as {@code t1} is not a number. */
    private static boolean partOfWord(String sql, int i) {
        return i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_');
    }

    /** {@code o.status} names a column, not the keyword. */
    private static boolean qualified(String sql, int i) {
        return i > 0 && sql.charAt(i - 1) == '.';
    }
}
