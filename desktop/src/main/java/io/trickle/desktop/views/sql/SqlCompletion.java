package io.trickle.desktop.views.sql;

import io.trickle.engine.api.ColumnInfo;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RelationOutline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the SQL editors offer to complete at the caret, from the catalog's relations and columns: after
 * {@code schema.} the schema's relations, after {@code alias.} or {@code table.} the columns of the
 * relation the statement names so, and otherwise the columns of the relations the statement reads,
 * then relations, schemas and keywords — each starting with what is typed (case does not matter).
 * Names are inserted as a DBA would type them, quoted only where PostgreSQL needs quotes. Plain text
 * in, plain data out: tested without a display.
 */
public final class SqlCompletion {

    /** At most this many proposals are offered. */
    static final int LIMIT = 60;

    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING",
            "JOIN", "LEFT JOIN", "INNER JOIN", "ON", "AND", "OR", "NOT", "IN", "EXISTS", "DISTINCT", "UNION", "UNION ALL",
            "WITH", "AS", "LIMIT", "COUNT(*)", "SUM(", "AVG(", "MIN(", "MAX(", "CASE", "WHEN", "THEN", "ELSE", "END",
            "IS NULL", "IS NOT NULL", "EXPLAIN", "SHOW");
    /** {@code FROM|JOIN name [AS] alias}: which relation an alias stands for. */
    private static final Pattern SOURCE = Pattern.compile(
            "(?i)\\b(?:from|join)\\s+((?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")+\"|"
                    + "[\\p{L}_][\\p{L}\\p{N}_$]*))?)(?:\\s+(?:as\\s+)?(?!(?:on|where|join|left|right|inner|full|cross|natural"
                    + "|group|order|limit|using|union|lateral)\\b)([\\p{L}_][\\p{L}\\p{N}_$]*))?");

    /** What one proposal completes to. */
    public enum Kind { COLUMN, RELATION, SCHEMA, KEYWORD }

    /**
     * @param label  what the list shows
     * @param insert what replaces the typed part
     * @param detail a word on what it is (the column's type, the relation's kind)
     */
    public record Proposal(String label, String insert, String detail, Kind kind) {
    }

    /** The proposals, and the part of the text ({@code from} to the caret) they replace. */
    public record Result(int from, int to, List<Proposal> proposals) {
        public boolean isEmpty() {
            return proposals.isEmpty();
        }
    }

    private SqlCompletion() {
    }

    public static Result at(String text, int caret, List<RelationOutline> outlines) {
        int start = caret;
        while (start > 0) {
            char c = text.charAt(start - 1);
            if (c == '"') {
                // A quoted identifier may hold anything but a quote: go back to its opening quote.
                int open = text.lastIndexOf('"', start - 2);
                if (open < 0) {
                    break;
                }
                start = open;
            } else if (partOfName(c)) {
                start--;
            } else {
                break;
            }
        }
        String typed = text.substring(start, caret);
        int dot = lastDotOutsideQuotes(typed);
        String qualifier = dot < 0 ? "" : typed.substring(0, dot);
        String prefix = unquote(dot < 0 ? typed : typed.substring(dot + 1)).toLowerCase(Locale.ROOT);
        int from = dot < 0 ? start : start + dot + 1;
        List<Proposal> out = new ArrayList<>();
        if (!qualifier.isEmpty()) {
            afterQualifier(text, qualifier, prefix, outlines, out);
        } else {
            everything(text, prefix, outlines, out);
        }
        return new Result(from, caret, out.size() > LIMIT ? List.copyOf(out.subList(0, LIMIT)) : List.copyOf(out));
    }

    private static void afterQualifier(String text, String qualifier, String prefix, List<RelationOutline> outlines,
                                       List<Proposal> out) {
        List<String> parts = splitName(qualifier);
        if (parts.size() == 1) {
            String schema = parts.get(0);
            for (RelationOutline r : outlines) {
                if (r.schema().equals(schema) && starts(r.name(), prefix)) {
                    out.add(new Proposal(r.name(), QualifiedName.display(r.name()), r.kind(), Kind.RELATION));
                }
            }
            if (!out.isEmpty()) {
                return;
            }
        }
        relationNamed(text, parts, outlines).ifPresent(r -> columns(r, prefix, out));
    }

    private static void everything(String text, String prefix, List<RelationOutline> outlines, List<Proposal> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (RelationOutline r : sourcesOf(text, outlines).values()) {
            for (ColumnInfo c : r.columns()) {
                if (starts(c.name(), prefix) && seen.add(c.name())) {
                    out.add(new Proposal(c.name(), QualifiedName.display(c.name()), c.type(), Kind.COLUMN));
                }
            }
        }
        Set<String> schemas = new LinkedHashSet<>();
        for (RelationOutline r : outlines) {
            schemas.add(r.schema());
            if (starts(r.name(), prefix) || starts(r.schema() + "." + r.name(), prefix)) {
                String name = QualifiedName.of(r.schema(), r.name()).toString();
                out.add(new Proposal(name, name, r.kind(), Kind.RELATION));
            }
        }
        for (String schema : schemas) {
            if (starts(schema, prefix)) {
                out.add(new Proposal(schema + ".", QualifiedName.display(schema) + ".", "schema", Kind.SCHEMA));
            }
        }
        if (!prefix.isEmpty()) {
            for (String keyword : KEYWORDS) {
                if (keyword.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    out.add(new Proposal(keyword, keyword, "keyword", Kind.KEYWORD));
                }
            }
        }
    }

    private static void columns(RelationOutline r, String prefix, List<Proposal> out) {
        for (ColumnInfo c : r.columns()) {
            if (starts(c.name(), prefix)) {
                out.add(new Proposal(c.name(), QualifiedName.display(c.name()), c.type(), Kind.COLUMN));
            }
        }
    }

    /** The relation a qualifier stands for: an alias of the statement, or a (schema-qualified) relation name. */
    private static Optional<RelationOutline> relationNamed(String text, List<String> parts, List<RelationOutline> outlines) {
        if (parts.size() == 1) {
            RelationOutline aliased = sourcesOf(text, outlines).get(parts.get(0).toLowerCase(Locale.ROOT));
            if (aliased != null) {
                return Optional.of(aliased);
            }
        }
        return find(parts, outlines);
    }

    /** The relations the statement reads, by the name or alias it reads them under (lower case). */
    static Map<String, RelationOutline> sourcesOf(String text, List<RelationOutline> outlines) {
        Map<String, RelationOutline> out = new LinkedHashMap<>();
        Matcher m = SOURCE.matcher(text);
        while (m.find()) {
            List<String> parts = splitName(m.group(1).replaceAll("\\s*\\.\\s*", "."));
            Optional<RelationOutline> r = find(parts, outlines);
            if (r.isPresent()) {
                String key = m.group(2) != null ? m.group(2) : parts.get(parts.size() - 1);
                out.put(key.toLowerCase(Locale.ROOT), r.get());
            }
        }
        return out;
    }

    /** A relation by {@code [schema.]name}; without a schema, {@code public} first, then any. */
    private static Optional<RelationOutline> find(List<String> parts, List<RelationOutline> outlines) {
        if (parts.size() == 2) {
            return outlines.stream().filter(r -> r.schema().equals(parts.get(0)) && r.name().equals(parts.get(1)))
                    .findFirst();
        }
        if (parts.size() == 1) {
            return outlines.stream().filter(r -> r.name().equals(parts.get(0)))
                    .min((a, b) -> Boolean.compare(!a.schema().equals("public"), !b.schema().equals("public")));
        }
        return Optional.empty();
    }

    /** Name parts as PostgreSQL reads them: unquoted parts fold to lower case, quoted ones stay. */
    static List<String> splitName(String qualified) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                parts.add(wasQuoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        parts.add(wasQuoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT));
        return parts;
    }

    private static int lastDotOutsideQuotes(String typed) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot;
    }

    private static String unquote(String part) {
        return part.startsWith("\"") ? part.substring(1).replace("\"", "") : part;
    }

    private static boolean partOfName(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
    }

    private static boolean starts(String name, String prefix) {
        return name.toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
