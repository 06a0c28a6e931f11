package io.trickle.engine.sql;

import java.util.List;
import java.util.Set;

/**
 * JSqlParser reserves some words that PostgreSQL lets a query use as names ({@code SELECT id AS
 * unknown}, {@code t.current}). Before the engine's parser reads a query, those words are quoted
 * where they are names: after a dot, after AS, and standing alone except in the few places where they
 * are PostgreSQL syntax ({@code IS UNKNOWN}, {@code CURRENT ROW}, {@code UNBOUNDED PRECEDING}, {@code
 * EXISTS (…)}, {@code a BETWEEN b AND c}, {@code EXTRACT(day FROM …)}). An unquoted name folds to lower case, so {@code "unknown"}
 * means what {@code unknown} meant; the text PostgreSQL runs is otherwise unchanged.
 */
public final class ParserWords {

    /**
     * Names JSqlParser does not accept as a column name, an alias or a qualified name's part, and the
     * date units it reads as units wherever they stand ({@code GROUP BY day} is no column to it).
     */
    private static final Set<String> RESERVED_BY_PARSER = Set.of("between", "csv", "current", "exists", "force", "import",
            "prior", "returns", "statement", "unbounded", "unknown", "xmlserialize",
            "year", "month", "day", "hour", "minute", "second");

    private ParserWords() {
    }

    /** {@code sql} with every such word that is a name double-quoted. */
    public static String quoteNames(String sql) {
        List<QueryText.Word> words = QueryText.wordsOf(sql);
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int copied = 0;
        for (int i = 0; i < words.size(); i++) {
            QueryText.Word w = words.get(i);
            if (RESERVED_BY_PARSER.contains(w.text()) && isName(sql, words, i)) {
                out.append(sql, copied, w.start()).append('"').append(w.text()).append('"');
                copied = w.end();
            }
        }
        return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
    }

    private static boolean isName(String sql, List<QueryText.Word> words, int i) {
        QueryText.Word w = words.get(i);
        char before = previousChar(sql, w.start());
        String previous = i > 0 && before != '.' ? words.get(i - 1).text() : "";
        if (before == '.' || (previous.equals("as") && words.get(i - 1).end() <= w.start() && onlySpaceBetween(sql,
                words.get(i - 1).end(), w.start()))) {
            return true;
        }
        String next = i + 1 < words.size() && onlySpaceBetween(sql, w.end(), words.get(i + 1).start())
                ? words.get(i + 1).text() : "";
        char after = nextChar(sql, w.end());
        return switch (w.text()) {
            case "between", "exists" -> false;
            case "current" -> !(next.equals("row") || next.equals("of"));
            case "unbounded" -> !(next.equals("preceding") || next.equals("following"));
            case "unknown" -> !(previous.equals("is") || (previous.equals("not") && i > 1
                    && words.get(i - 2).text().equals("is")));
            case "xmlserialize" -> after != '(';
            // EXTRACT(day FROM …), INTERVAL '1' DAY, DAY TO SECOND: a unit, not a name
            case "year", "month", "day", "hour", "minute", "second" -> !(next.equals("from") || next.equals("to")
                    || previous.equals("to") || previousChar(sql, w.start()) == '\'');
            default -> true;
        };
    }

    private static boolean onlySpaceBetween(String sql, int from, int to) {
        return sql.substring(from, to).isBlank();
    }

    private static char previousChar(String sql, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        return i < 0 ? '\0' : sql.charAt(i);
    }

    private static char nextChar(String sql, int at) {
        int i = at;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i >= sql.length() ? '\0' : sql.charAt(i);
    }
}
