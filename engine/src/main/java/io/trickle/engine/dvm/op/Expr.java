package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scalar SQL expression over an operator's input columns, kept as the text PostgreSQL will run
 * with each column reference replaced by a marker. The engine never interprets the expression's
 * semantics (PostgreSQL does); it only needs to know which columns it reads and how to write it
 * against a given relation alias. That keeps every expression a user can write available without a
 * second expression language in the engine.
 *
 * @param template SQL text in which {@code __pgt_ref_<i>__} stands for {@code refs.get(i)}
 * @param refs     the columns the expression reads, by marker index
 */
public record Expr(String template, List<ColumnId> refs) {

    private static final Pattern MARKER = Pattern.compile("__pgt_ref_(\\d+)__");

    public Expr {
        template = template.strip();
        refs = List.copyOf(refs);
    }

    public static String marker(int index) {
        return "__pgt_ref_" + index + "__";
    }

    /** An expression that reads exactly one column. */
    public static Expr column(ColumnId id) {
        return new Expr(marker(0), List.of(id));
    }

    /** An expression that reads no column. */
    public static Expr constant(String sql) {
        return new Expr(sql, List.of());
    }

    /** The column this expression is, if it is a bare column reference. */
    public java.util.Optional<ColumnId> asColumn() {
        return template.equals(marker(0)) && refs.size() == 1 ? java.util.Optional.of(refs.get(0))
                : java.util.Optional.empty();
    }

    /** The distinct columns read. */
    public Set<ColumnId> columns() {
        return new LinkedHashSet<>(refs);
    }

    /** Writes the expression with each column written by {@code columnSql}. */
    public String render(Function<ColumnId, String> columnSql) {
        Matcher m = MARKER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(columnSql.apply(refs.get(Integer.parseInt(m.group(1))))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The same expression reading other columns (a rename through a projection, say). */
    public Expr mapColumns(Function<ColumnId, ColumnId> mapping) {
        List<ColumnId> mapped = new ArrayList<>(refs.size());
        for (ColumnId id : refs) {
            mapped.add(mapping.apply(id));
        }
        return new Expr(template, mapped);
    }

    /** Replaces each column by an expression (used to inline a projection into the expression above it). */
    public Expr substitute(Function<ColumnId, Expr> replacement) {
        List<ColumnId> newRefs = new ArrayList<>();
        String text = render(id -> {
            Expr e = replacement.apply(id);
            String inner = e.render(ref -> {
                newRefs.add(ref);
                return marker(newRefs.size() - 1);
            });
            return e.asColumn().isPresent() ? inner : "(" + inner + ")";
        });
        return new Expr(text, newRefs);
    }

    /**
     * Builds one expression out of several: {@code text} receives each part written with its
     * markers renumbered and, unless it is a bare column, in parentheses (so that operator
     * precedence cannot regroup it), and returns the combined SQL.
     */
    public static Expr compose(List<Expr> parts, Function<List<String>, String> text) {
        return compose(parts, text, true);
    }

    /**
     * Like {@link #compose} without parentheses around the parts: for syntax that takes function
     * calls as they are ({@code ROWS FROM (f(…), g(…))}, {@code f(…) WITH ORDINALITY}).
     */
    public static Expr composeVerbatim(List<Expr> parts, Function<List<String>, String> text) {
        return compose(parts, text, false);
    }

    private static Expr compose(List<Expr> parts, Function<List<String>, String> text, boolean parenthesize) {
        List<ColumnId> refs = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Expr part : parts) {
            String sql = part.render(id -> {
                refs.add(id);
                return marker(refs.size() - 1);
            });
            written.add(parenthesize && part.asColumn().isEmpty() ? "(" + sql + ")" : sql);
        }
        return new Expr(text.apply(written), refs);
    }

    /** The expression as {@code explain()} prints it: columns by name. */
    public String explain() {
        return render(ColumnId::name);
    }

    @Override
    public String toString() {
        return explain();
    }
}
