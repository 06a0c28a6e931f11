package io.trickle.engine.sql;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first check of a user's query, before it reaches the database: it must be exactly one
 * statement and a query. pgJDBC runs {@code a; b} as two statements, so this is what stands between
 * a query text and a second, unintended statement. It is a lexer, not a parser: it knows string
 * literals (plain, E'', dollar-quoted), quoted identifiers and comments, so a semicolon inside any
 * of them is not a separator. PostgreSQL validates everything else when the query is probed.
 */
public final class QueryText {

    private final String text;
    private final List<String> words;

    private QueryText(String text, List<String> words) {
        this.text = text;
        this.words = words;
    }

    /**
     * Checks {@code sql} and returns it without trailing semicolons.
     *
     * @throws InvalidInputException naming the problem: empty, several statements, not a query,
     *                               a locking clause, or an unterminated literal
     */
    public static QueryText check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new InvalidInputException("the query is empty");
        }
        Lexer lexer = new Lexer(sql);
        lexer.run();
        String body = sql.substring(0, lexer.endOfFirstStatement).strip();
        if (lexer.statements > 1) {
            throw new InvalidInputException("the query must be exactly one SELECT statement, but it contains "
                    + lexer.statements + " statements separated by ';'");
        }
        if (lexer.words.isEmpty()) {
            throw new InvalidInputException("the query is empty");
        }
        String first = lexer.words.get(0);
        if (!(first.equals("select") || first.equals("with") || first.equals("values") || first.equals("table")
                || first.equals("("))) {
            throw new InvalidInputException("the query must be a SELECT statement, not " + first.toUpperCase(Locale.ROOT));
        }
        List<String> w = lexer.words;
        for (int i = 0; i + 1 < w.size(); i++) {
            if (w.get(i).equals("for") && (w.get(i + 1).equals("update") || w.get(i + 1).equals("share")
                    || w.get(i + 1).equals("no") || w.get(i + 1).equals("key"))) {
                throw new InvalidInputException("a stream table's query cannot lock rows (FOR "
                        + w.get(i + 1).toUpperCase(Locale.ROOT) + ")");
            }
            if (w.get(i).equals("into") && i > 0 && !w.get(i - 1).equals("insert")) {
                throw new InvalidInputException("a stream table's query cannot use SELECT INTO");
            }
        }
        return new QueryText(body, List.copyOf(w));
    }

    /** The query, one statement, without trailing semicolons. */
    public String sql() {
        return text;
    }

    /** Lower-cased words and function names outside literals and comments, in order. */
    public List<String> words() {
        return words;
    }

    /** A bare word of a query text (outside literals, quoted names and comments), lower-cased, with where it is. */
    public record Word(String text, int start, int end) {
    }

    /** The bare words of {@code sql}, in order (the text need not be checked). */
    public static List<Word> wordsOf(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return lexer.spans;
    }

    /** Names that are immediately followed by an opening parenthesis: the functions the query calls. */
    public List<String> calledNames() {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.calls;
    }

    private static final class Lexer {
        private final String s;
        private int i;
        int statements;
        int endOfFirstStatement;
        final List<String> words = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final List<Word> spans = new ArrayList<>();
        private boolean sawTokenInStatement;

        Lexer(String s) {
            this.s = s;
            this.endOfFirstStatement = s.length();
        }

        void run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && peek(1) == '-') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && peek(1) == '*') {
                    blockComment();
                } else if (c == '\'') {
                    token();
                    quoted('\'', false);
                } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                    token();
                    i++;
                    quoted('\'', true);
                } else if (c == '"') {
                    token();
                    quoted('"', false);
                } else if (c == '$' && dollarTag() != null) {
                    token();
                    dollarQuoted(dollarTag());
                } else if (c == ';') {
                    if (sawTokenInStatement && statements == 0) {
                        endOfFirstStatement = i;
                    }
                    if (sawTokenInStatement) {
                        statements++;
                    }
                    sawTokenInStatement = false;
                    i++;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                        i++;
                    }
                    String word = s.substring(start, i).toLowerCase(Locale.ROOT);
                    token();
                    words.add(word);
                    spans.add(new Word(word, start, i));
                    int j = i;
                    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                        j++;
                    }
                    if (j < s.length() && s.charAt(j) == '(') {
                        calls.add(word);
                    }
                } else {
                    if (c == '(' && words.isEmpty()) {
                        words.add("(");
                    }
                    token();
                    i++;
                }
            }
            if (sawTokenInStatement) {
                statements++;
            }
        }

        private void token() {
            sawTokenInStatement = true;
        }

        private char peek(int ahead) {
            return i + ahead < s.length() ? s.charAt(i + ahead) : '\0';
        }

        private void blockComment() {
            int depth = 0;
            do {
                if (s.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (s.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            } while (depth > 0 && i < s.length());
            if (depth > 0) {
                throw new InvalidInputException("the query has an unterminated /* comment");
            }
        }

        private void quoted(char quote, boolean backslashEscapes) {
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (backslashEscapes && c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    if (peek(1) == quote) {
                        i += 2;
                        continue;
                    }
                    i++;
                    return;
                }
                i++;
            }
            throw new InvalidInputException("the query has an unterminated " + (quote == '"' ? "quoted identifier" : "string literal"));
        }

        private String dollarTag() {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                return s.substring(i, j + 1);
            }
            return null;
        }

        private void dollarQuoted(String tag) {
            int end = s.indexOf(tag, i + tag.length());
            if (end < 0) {
                throw new InvalidInputException("the query has an unterminated dollar-quoted string " + tag);
            }
            i = end + tag.length();
        }
    }
}
