package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitor;
import net.sf.jsqlparser.parser.ASTNodeAccessImpl;

/** A column that {@code *} expanded to: already resolved, so it is never looked up by name again. */
final class ProjectedColumn extends ASTNodeAccessImpl implements Expression {

    private final ColumnId id;
    private final String name;

    ProjectedColumn(ColumnId id, String name) {
        this.id = id;
        this.name = name;
    }

    ColumnId id() {
        return id;
    }

    String name() {
        return name;
    }

    @Override
    public <T, S> T accept(ExpressionVisitor<T> visitor, S context) {
        throw new UnsupportedOperationException("a resolved column is never deparsed");
    }

    @Override
    public String toString() {
        return name;
    }
}
