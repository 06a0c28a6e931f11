package io.trickle.engine.dvm.op;

/**
 * One aggregate of a GROUP BY.
 *
 * @param id       the output column
 * @param kind     what the engine knows about the function
 * @param call     the whole call over the input columns, as PostgreSQL runs it (FILTER, ORDER BY and all)
 * @param argument the single argument of COUNT/SUM/AVG/MIN/MAX, or null
 * @param filter   the FILTER (WHERE …) condition, or null
 * @param distinct whether the call aggregates DISTINCT values
 */
public record AggregateCall(ColumnId id, AggregateKind kind, Expr call, Expr argument, Expr filter, boolean distinct) {

    public String explain() {
        return id.name() + " := " + call.explain();
    }
}
