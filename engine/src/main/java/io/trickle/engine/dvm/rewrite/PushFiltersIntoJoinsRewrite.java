package io.trickle.engine.dvm.rewrite;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.JoinKind;
import io.trickle.engine.dvm.op.Operator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves WHERE conjuncts to where they belong: a conjunct that reads both sides of an inner join
 * becomes a join condition, one that reads only one side moves into that side. Without this a comma
 * join ({@code FROM a, b WHERE a.k = b.k}) would be differentiated as a cross product filtered
 * afterwards. Only moves that keep the result identical are made: across an outer join, a conjunct
 * may move into the preserved side only, and ON conditions of an outer join move only into the
 * side that is not preserved.
 */
final class PushFiltersIntoJoinsRewrite {

    private PushFiltersIntoJoinsRewrite() {
    }

    static Operator rewrite(Operator op) {
        if (op instanceof Filter filter) {
            return filter(filter);
        }
        if (op instanceof Join join) {
            return push(join, List.of());
        }
        // Other operators are not crossed: only their inputs are rewritten.
        List<Operator> inputs = new ArrayList<>();
        for (Operator in : op.inputs()) {
            inputs.add(rewrite(in));
        }
        return op.withInputs(inputs);
    }

    private static Operator filter(Filter filter) {
        Operator input = filter.input();
        if (input instanceof Join join) {
            return push(join, filter.conjuncts());
        }
        if (input instanceof Filter inner) {
            List<Expr> all = new ArrayList<>(inner.conjuncts());
            all.addAll(filter.conjuncts());
            return rewrite(new Filter(inner.input(), all));
        }
        Operator rewritten = rewrite(input);
        return rewritten == input ? filter : new Filter(rewritten, filter.conjuncts());
    }

    private static Operator push(Join join, List<Expr> conjuncts) {
        Set<ColumnId> left = new HashSet<>(join.left().columns());
        Set<ColumnId> right = new HashSet<>(join.right().columns());
        List<Expr> toLeft = new ArrayList<>();
        List<Expr> toRight = new ArrayList<>();
        List<Expr> toJoin = new ArrayList<>(join.conditions());
        List<Expr> remain = new ArrayList<>();
        boolean inner = join.kind() == JoinKind.INNER;
        for (Expr c : conjuncts) {
            Set<ColumnId> refs = c.columns();
            if (refs.isEmpty()) {
                remain.add(c);
            } else if (left.containsAll(refs) && (inner || join.kind() == JoinKind.LEFT)) {
                toLeft.add(c);
            } else if (right.containsAll(refs) && (inner || join.kind() == JoinKind.RIGHT)) {
                toRight.add(c);
            } else if (inner) {
                toJoin.add(c);
            } else {
                remain.add(c);
            }
        }
        // ON conditions that read only the side which is not preserved filter that side first.
        List<Expr> keptOn = new ArrayList<>();
        for (Expr c : toJoin) {
            Set<ColumnId> refs = c.columns();
            boolean rightOnly = !refs.isEmpty() && right.containsAll(refs);
            boolean leftOnly = !refs.isEmpty() && left.containsAll(refs);
            if (rightOnly && (inner || join.kind() == JoinKind.LEFT)) {
                toRight.add(c);
            } else if (leftOnly && (inner || join.kind() == JoinKind.RIGHT)) {
                toLeft.add(c);
            } else {
                keptOn.add(c);
            }
        }
        Operator newLeft = rewrite(toLeft.isEmpty() ? join.left() : new Filter(join.left(), toLeft));
        Operator newRight = rewrite(toRight.isEmpty() ? join.right() : new Filter(join.right(), toRight));
        Operator result = new Join(join.kind(), newLeft, newRight, keptOn);
        return remain.isEmpty() ? result : new Filter(result, remain);
    }
}
