package io.trickle.engine.dvm.translate;

import java.util.Locale;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * The name PostgreSQL gives a SELECT item without an alias (its FigureColname rules, for the cases
 * that matter when a subquery's columns are referenced by name).
 */
final class OutputNames {

    private OutputNames() {
    }

    static String of(SelectItem<?> item) {
        if (item.getAlias() != null) {
            return Names.normalize(item.getAlias().getName());
        }
        return of(item.getExpression());
    }

    static String of(Expression e) {
        if (e instanceof Column c) {
            return Names.normalize(c.getColumnName());
        }
        if (e instanceof Function f) {
            return lastPart(f.getName());
        }
        if (e instanceof AnalyticExpression a) {
            return lastPart(a.getName());
        }
        if (e instanceof CastExpression cast) {
            String inner = of(cast.getLeftExpression());
            return inner.equals("?column?") ? Names.normalize(cast.getColDataType().getDataType()) : inner;
        }
        if (e instanceof CaseExpression) {
            return "case";
        }
        return "?column?";
    }

    private static String lastPart(String name) {
        String n = name;
        int dot = n.lastIndexOf('.');
        if (dot >= 0) {
            n = n.substring(dot + 1);
        }
        return n.startsWith("\"") ? Names.normalize(n) : n.toLowerCase(Locale.ROOT);
    }
}
