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
    private final String original;
    private final int offset;

    private QueryText(String text, List<String> words, String original, int offset) {
        this.text = text;
        this.words = words;
        this.original = original;
        this.offset = offset;
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
        String first = sql.substring(0, lexer.endOfFirstStatement);
        String body = first.strip();
        if (lexer.statements > 1) {
            throw new InvalidInputException("the query must be exactly one SELECT statement, but it contains "
                    + lexer.statements + " statements separated by ';'");
        }
        if (lexer.words.isEmpty()) {
            throw new InvalidInputException("the query is empty");
        }
        String keyword = lexer.words.get(0);
        if (!(keyword.equals("select") || keyword.equals("with") || keyword.equals("values") || keyword.equals("table")
                || keyword.equals("("))) {
            throw new InvalidInputException("the query must be a SELECT statement, not " + keyword.toUpperCase(Locale.ROOT));
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
        return new QueryText(body, List.copyOf(w), sql, body.isEmpty() ? 0 : first.indexOf(body));
    }

    /**
     * Where a character of {@link #sql()} is in the text the user gave, as 1-based (position, line,
     * column); {@code sqlPosition} counts from 1 in {@link #sql()}. Empty when it lies outside.
     */
    public java.util.Optional<int[]> locate(int sqlPosition) {
        if (sqlPosition < 1 || sqlPosition > text.length() + 1) {
            return java.util.Optional.empty();
        }
        int at = offset + sqlPosition - 1;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (original.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return java.util.Optional.of(new int[] {at + 1, line, at - lineStart + 1});
    }

    /**
     * Splits a script into its statements, without their semicolons, knowing literals, quoted
     * identifiers and comments as {@link #check} does. For the SQL console, which runs a DBA's
     * statements one by one.
     *
     * @throws InvalidInputException for an unterminated literal or comment
     */
    public static List<String> statements(String sql) {
        Lexer lexer = new Lexer(sql == null ? "" : sql);
        lexer.run();
        return lexer.ranges.stream().map(r -> sql.substring(r[0], r[1]).strip()).toList();
    }

    /** The first word of a statement in lower case ({@code select}, {@code with}, {@code (}), or empty. */
    public static String firstWord(String statement) {
        Lexer lexer = new Lexer(statement == null ? "" : statement);
        lexer.run();
        return lexer.words.isEmpty() ? "" : lexer.words.get(0);
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
        /** Each statement as [start, end) in the text, without its semicolon. */
        final List<int[]> ranges = new ArrayList<>();
        private boolean sawTokenInStatement;
        private int statementStart;

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
                    token(i);
                    quoted('\'', false);
                } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                    token(i);
                    i++;
                    quoted('\'', true);
                } else if (c == '"') {
                    token(i);
                    quoted('"', false);
                } else if (c == '$' && dollarTag() != null) {
                    token(i);
                    dollarQuoted(dollarTag());
                } else if (c == ';') {
                    if (sawTokenInStatement && statements == 0) {
                        endOfFirstStatement = i;
                    }
                    if (sawTokenInStatement) {
                        statements++;
                        ranges.add(new int[] {statementStart, i});
                    }
                    sawTokenInStatement = false;
                    i++;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                        i++;
                    }
                    String word = s.substring(start, i).toLowerCase(Locale.ROOT);
                    token(start);
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
                    token(i);
                    i++;
                }
            }
            if (sawTokenInStatement) {
                statements++;
                ranges.add(new int[] {statementStart, s.length()});
            }
        }

        /** A token starts at {@code at}; the first of a statement marks where the statement starts. */
        private void token(int at) {
            if (!sawTokenInStatement) {
                statementStart = at;
            }
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
