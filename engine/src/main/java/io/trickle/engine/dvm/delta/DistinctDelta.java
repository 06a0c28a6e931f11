package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.cols;
import static io.trickle.engine.dvm.render.SqlWriter.names;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.render.Fragments;
import java.util.List;

/**
 * Δδ(R) for a DISTINCT inside the tree (at the top it keeps counts in the storage table): a value v
 * that ΔR touches with net weight dw is visible after the window iff n₁(v) &gt; 0, and was visible
 * before iff n₁(v) − dw &gt; 0, where n₁(v) counts v in R₁. Only the touched values are counted,
 * through an index-friendly restriction. See ref-dvm.md §2.10.
 */
final class DistinctDelta {

    private DistinctDelta() {
    }

    static String delta(DeltaContext ctx, Distinct distinct, String input) {
        List<ColumnId> columns = distinct.columns();
        String names = names(columns);
        String touched = ctx.cte("distinct_touched", Fragments.netWeights(columns, input, "dw"));
        List<Expr> keyExprs = columns.stream().map(Expr::column).toList();
        List<String> keyNames = columns.stream().map(ColumnId::name).toList();
        String counted = "SELECT " + names + ", count(*) AS n1 FROM ("
                + ctx.newState(KeyScope.restrict(distinct.input(), keyExprs, touched, keyNames)) + ") s GROUP BY " + names;
        String same = Fragments.sameValues(columns.stream().map(id -> col("v", id)).toList(),
                columns.stream().map(id -> col("n", id)).toList(), columns.stream().map(ctx::type).toList());
        String now = "coalesce(n.n1, 0)";
        return ctx.cte("distinct", Fragments.weighted(cols("v", columns), "((CASE WHEN " + now + " > 0 THEN 1 ELSE 0 END)"
                + " - (CASE WHEN " + now + " - v.dw > 0 THEN 1 ELSE 0 END))::bigint", touched + " v LEFT JOIN ("
                + counted + ") n ON " + same + " WHERE (" + now + " > 0) <> (" + now + " - v.dw > 0)"));
    }
}
