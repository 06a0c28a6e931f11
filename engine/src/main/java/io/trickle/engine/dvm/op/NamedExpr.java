package io.trickle.engine.dvm.op;

/** An output column of a projection or a grouping key: the expression and the column it becomes. */
public record NamedExpr(ColumnId id, Expr expr) {

    public String explain() {
        return expr.asColumn().filter(c -> c.equals(id)).isPresent() ? id.name() : id.name() + " := " + expr.explain();
    }
}
