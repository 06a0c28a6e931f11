package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;

/**
 * Adds one column computed per input row by a correlated (or uncorrelated) subquery: a scalar
 * subquery, or EXISTS / IN / ANY / ALL used inside an expression. {@code value} is the column's
 * expression over the input columns in which {@code __pgt_subplan__} stands for the subquery's text,
 * e.g. {@code (__pgt_subplan__)} or {@code __pgt_ref_0__ = ANY (__pgt_subplan__)}.
 */
public record SubqueryValue(Operator input, Subplan subplan, Expr value, ColumnId output) implements Operator {

    public static final String PLACEHOLDER = "__pgt_subplan__";

    @Override
    public List<ColumnId> columns() {
        List<ColumnId> all = new java.util.ArrayList<>(input.columns());
        all.add(output);
        return all;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input, subplan.body());
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new SubqueryValue(inputs.get(0), subplan.withBody(inputs.get(1)), value, output);
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.of("a scalar subquery or a sublink inside an expression (its value for a row can"
                + " change when rows arrive)");
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.OLD_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitSubqueryValue(this);
    }

    @Override
    public String describe() {
        return "SubqueryValue " + output.name() + " := " + value.explain().replace(PLACEHOLDER, subplan.explain());
    }
}
