package io.trickle.engine.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code [schema.]name} as DESIGN §4 reads it: unquoted parts fold to lower case, double-quoted
 * parts are taken literally ({@code ""} for a quote), the default schema is {@code public}.
 * Parsed once; everything after works with the two exact parts.
 *
 * @param schema the schema, exactly as stored in the catalog
 * @param name   the relation name, exactly as stored in the catalog
 */
public record QualifiedName(String schema, String name) {

    /** Words that PostgreSQL needs quoted when used as a table or schema name. */
    private static final Set<String> NEEDS_QUOTES = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
            "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
            "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
            "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
            "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
            "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
            "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
            "interval", "into", "is", "isnull", "join", "json", "json_array", "json_arrayagg", "json_exists",
            "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table",
            "json_value", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
            "merge_action", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif",
            "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing",
            "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
            "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user", "table",
            "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique",
            "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
            "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
            "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    /** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
    public static final int MAX_BYTES = 63;

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (schema.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("empty name part");
        }
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /**
     * Parses {@code text}.
     *
     * @throws TrickleException.InvalidInputException naming the text and what is wrong with it
     */
    public static QualifiedName parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TrickleException.InvalidInputException("empty stream table name");
        }
        String s = text.trim();
        java.util.List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char ch = s.charAt(i);
                    if (ch == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            part.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    part.append(ch);
                    i++;
                }
                if (!closed) {
                    throw invalid(text, "unterminated quoted identifier");
                }
                if (part.length() == 0) {
                    throw invalid(text, "zero-length quoted identifier");
                }
            } else {
                int start = i;
                while (i < s.length() && s.charAt(i) != '.') {
                    char ch = s.charAt(i);
                    boolean ok = Character.isLetter(ch) || ch == '_' || (i > start && (Character.isDigit(ch) || ch == '$'));
                    if (!ok) {
                        throw invalid(text, "character '" + ch + "' needs double quotes");
                    }
                    i++;
                }
                if (i == start) {
                    throw invalid(text, "empty name part");
                }
                part.append(s.substring(start, i).toLowerCase(Locale.ROOT));
            }
            parts.add(part.toString());
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.') {
                throw invalid(text, "unexpected text after a quoted identifier");
            }
            i++;
            if (i == s.length()) {
                throw invalid(text, "empty name part");
            }
        }
        if (parts.size() > 2) {
            throw invalid(text, "expected [schema.]name");
        }
        for (String part : parts) {
            int bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                // PostgreSQL would cut it to 63 bytes, and the name stored would not be the name given.
                throw invalid(text, "a name part may be at most " + MAX_BYTES + " bytes long, \""
                        + abbreviate(part) + "\" has " + bytes);
            }
        }
        return parts.size() == 1 ? new QualifiedName("public", parts.get(0)) : new QualifiedName(parts.get(0), parts.get(1));
    }

    private static TrickleException.InvalidInputException invalid(String text, String why) {
        return new TrickleException.InvalidInputException("invalid name '" + abbreviate(text) + "': " + why);
    }

    /** Long input is quoted by its beginning only, so that a message stays a sentence. */
    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 60) + "…(" + text.length() + " characters)";
    }

    /** One part as PostgreSQL would print it: bare when that reads back the same, quoted otherwise. */
    public static String display(String part) {
        boolean plain = !part.isEmpty() && !NEEDS_QUOTES.contains(part)
                && (Character.isLowerCase(part.charAt(0)) || part.charAt(0) == '_')
                && part.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '$');
        return plain ? part : '"' + part.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return display(schema) + "." + display(name);
    }
}
