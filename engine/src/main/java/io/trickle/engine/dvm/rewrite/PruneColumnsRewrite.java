package io.trickle.engine.dvm.rewrite;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.OperatorVisitor;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Values;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops columns nobody reads, so that scans read (and change windows decode) only what the query
 * uses. A scan keeps its primary key columns: they give the rows a stable identity. Distinct and
 * union keep all their columns, since every column takes part in their semantics. One visit per
 * operator: each says which of its input columns a set of needed output columns requires.
 */
final class PruneColumnsRewrite implements OperatorVisitor<Operator> {

    /** The output columns someone reads. */
    private final Set<ColumnId> needed;
    /** Whether the node is the root of a tree (or of a subtree read whole): its outputs are all kept. */
    private final boolean isRoot;

    private PruneColumnsRewrite(Set<ColumnId> needed, boolean isRoot) {
        this.needed = needed;
        this.isRoot = isRoot;
    }

    static Operator rewrite(Operator root) {
        return prune(root, new LinkedHashSet<>(root.columns()), true);
    }

    private static Operator prune(Operator op, Set<ColumnId> needed, boolean isRoot) {
        return op.accept(new PruneColumnsRewrite(needed, isRoot));
    }

    /** An input read whole: pruned as the root of its own tree. */
    private static Operator whole(Operator input) {
        return prune(input, new HashSet<>(input.columns()), true);
    }

    /** Operators that read every input column: their inputs are pruned as roots of their own. */
    private static Operator keepingEveryColumn(Operator op) {
        List<Operator> inputs = new ArrayList<>();
        for (Operator in : op.inputs()) {
            inputs.add(whole(in));
        }
        return op.withInputs(inputs);
    }

    @Override
    public Operator visitScan(Scan scan) {
        List<Scan.ScanColumn> keep = new ArrayList<>();
        for (Scan.ScanColumn c : scan.scanColumns()) {
            if (needed.contains(c.id()) || scan.relation().primaryKey().contains(c.sourceColumn())) {
                keep.add(c);
            }
        }
        if (keep.isEmpty()) {
            keep.add(scan.scanColumns().get(0));
        }
        return keep.size() == scan.scanColumns().size() ? scan : new Scan(scan.relation(), scan.alias(), keep);
    }

    @Override
    public Operator visitFilter(Filter f) {
        Set<ColumnId> n = new HashSet<>(needed);
        f.conjuncts().forEach(c -> n.addAll(c.columns()));
        return f.withInputs(List.of(prune(f.input(), n, false)));
    }

    @Override
    public Operator visitProject(Project p) {
        List<NamedExpr> keep = new ArrayList<>();
        for (NamedExpr o : p.outputs()) {
            if (isRoot || needed.contains(o.id())) {
                keep.add(o);
            }
        }
        if (keep.isEmpty()) {
            keep.add(p.outputs().get(0));
        }
        Set<ColumnId> n = new HashSet<>();
        keep.forEach(o -> n.addAll(o.expr().columns()));
        Operator in = prune(p.input(), n, false);
        return in == p.input() && keep.size() == p.outputs().size() ? p : new Project(in, keep);
    }

    @Override
    public Operator visitJoin(Join j) {
        Set<ColumnId> n = new HashSet<>(needed);
        j.conditions().forEach(c -> n.addAll(c.columns()));
        return j.withInputs(List.of(prune(j.left(), n, false), prune(j.right(), n, false)));
    }

    @Override
    public Operator visitAggregate(Aggregate a) {
        List<AggregateCall> keep = new ArrayList<>();
        for (AggregateCall c : a.aggregates()) {
            if (isRoot || needed.contains(c.id())) {
                keep.add(c);
            }
        }
        Set<ColumnId> n = new HashSet<>();
        a.groupKeys().forEach(k -> n.addAll(k.expr().columns()));
        for (AggregateCall c : keep) {
            n.addAll(c.call().columns());
            for (Expr e : new Expr[] {c.argument(), c.filter()}) {
                if (e != null) {
                    n.addAll(e.columns());
                }
            }
        }
        Operator in = prune(a.input(), n, false);
        return in == a.input() && keep.size() == a.aggregates().size() ? a : new Aggregate(in, a.groupKeys(), keep);
    }

    @Override
    public Operator visitDistinct(Distinct d) {
        return keepingEveryColumn(d);
    }

    @Override
    public Operator visitUnionAll(UnionAll u) {
        return keepingEveryColumn(u);
    }

    @Override
    public Operator visitSetOp(SetOp setOp) {
        return keepingEveryColumn(setOp);
    }

    @Override
    public Operator visitSemiJoin(SemiJoin semiJoin) {
        return keepingEveryColumn(semiJoin);
    }

    @Override
    public Operator visitSubqueryValue(SubqueryValue subqueryValue) {
        return keepingEveryColumn(subqueryValue);
    }

    @Override
    public Operator visitLateralSubquery(LateralSubquery lateralSubquery) {
        return keepingEveryColumn(lateralSubquery);
    }

    @Override
    public Operator visitLateralFunction(LateralFunction lateralFunction) {
        return keepingEveryColumn(lateralFunction);
    }

    @Override
    public Operator visitWindow(Window window) {
        return keepingEveryColumn(window);
    }

    @Override
    public Operator visitTopK(TopK topK) {
        return keepingEveryColumn(topK);
    }

    @Override
    public Operator visitRecursiveCte(RecursiveCte cte) {
        return keepingEveryColumn(cte);
    }

    /** The working table's columns are the CTE's, which are kept whole. */
    @Override
    public Operator visitRecursiveRef(RecursiveRef ref) {
        return ref;
    }

    /** Constant rows keep every column: their row count, not their columns, is what they contribute. */
    @Override
    public Operator visitValues(Values values) {
        return values;
    }
}
