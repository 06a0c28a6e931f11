package io.trickle.engine.dvm.rewrite;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.UnionAll;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops columns nobody reads, so that scans read (and change windows decode) only what the query
 * uses. A scan keeps its primary key columns: they give the rows a stable identity. Distinct and
 * union keep all their columns, since every column takes part in their semantics.
 */
final class PruneColumnsRewrite {

    private PruneColumnsRewrite() {
    }

    static Operator rewrite(Operator root) {
        return prune(root, new LinkedHashSet<>(root.columns()), true);
    }

    private static Operator prune(Operator op, Set<ColumnId> needed, boolean isRoot) {
        if (op instanceof Scan scan) {
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
        if (op instanceof Filter f) {
            Set<ColumnId> n = new HashSet<>(needed);
            f.conjuncts().forEach(c -> n.addAll(c.columns()));
            Operator in = prune(f.input(), n, false);
            return in == f.input() ? f : new Filter(in, f.conjuncts());
        }
        if (op instanceof Project p) {
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
        if (op instanceof Join j) {
            Set<ColumnId> n = new HashSet<>(needed);
            j.conditions().forEach(c -> n.addAll(c.columns()));
            Operator l = prune(j.left(), n, false);
            Operator r = prune(j.right(), n, false);
            return l == j.left() && r == j.right() ? j : new Join(j.kind(), l, r, j.conditions());
        }
        if (op instanceof Aggregate a) {
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
        if (op instanceof Distinct d) {
            Operator in = prune(d.input(), new HashSet<>(d.input().columns()), true);
            return in == d.input() ? d : new Distinct(in);
        }
        if (op instanceof UnionAll u) {
            List<Operator> branches = new ArrayList<>();
            boolean changed = false;
            for (Operator b : u.branches()) {
                Operator r = prune(b, new HashSet<>(b.columns()), true);
                changed |= r != b;
                branches.add(r);
            }
            return changed ? new UnionAll(branches, u.columns()) : u;
        }
        // The other operators keep every input column: their inputs are pruned as roots of their own.
        List<Operator> inputs = new ArrayList<>();
        for (Operator in : op.inputs()) {
            inputs.add(in instanceof io.trickle.engine.dvm.op.RecursiveRef ? in : prune(in, new HashSet<>(in.columns()), true));
        }
        return io.trickle.engine.dvm.op.Operators.withInputs(op, inputs);
    }
}
