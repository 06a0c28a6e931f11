package io.trickle.engine.dvm.translate;

import io.trickle.engine.sql.UnsupportedConstruct;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * {@code WINDOW w AS (…)} with {@code f() OVER w}: each call that names a window gets that window's
 * PARTITION BY, ORDER BY and frame written into its own OVER, as PostgreSQL reads it, and the WINDOW
 * clause goes. What follows sees only ordinary window calls.
 */
final class NamedWindows {

    private NamedWindows() {
    }

    static void inline(PlainSelect ps) {
        List<WindowDefinition> definitions = ps.getWindowDefinitions();
        if (definitions == null || definitions.isEmpty()) {
            return;
        }
        Map<String, WindowDefinition> byName = new HashMap<>();
        for (WindowDefinition d : definitions) {
            byName.put(Names.normalize(d.getWindowName()), d);
        }
        ExpressionVisitorAdapter<Void> calls = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(AnalyticExpression call, S context) {
                if (call.getWindowName() != null) {
                    WindowDefinition d = byName.get(Names.normalize(call.getWindowName()));
                    if (d == null) {
                        throw new UnsupportedConstruct("window " + call.getWindowName() + " is not defined");
                    }
                    call.setWindowName(null);
                    call.setPartitionExpressionList(d.getPartitionExpressionList());
                    call.setOrderByElements(d.getOrderByElements());
                    call.setWindowElement(d.getWindowElement());
                }
                return super.visit(call, context);
            }
        };
        for (SelectItem<?> item : ps.getSelectItems()) {
            item.getExpression().accept(calls, null);
        }
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                o.getExpression().accept(calls, null);
            }
        }
        ps.setWindowDefinitions(null);
    }
}
