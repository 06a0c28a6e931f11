package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.weightOf;
import static io.trickle.engine.dvm.render.ReservedNames.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.sql.PgType;
import java.util.List;

/**
 * Δ of INTERSECT / EXCEPT [ALL]: for each value v that ΔL or ΔR touches, with a₁, b₁ its counts on
 * each side after the window and da, db its net changes, the output multiplicity moves from
 * f(a₁ − da, b₁ − db) to f(a₁, b₁) (f = min, max(a − b, 0), or their set forms). Only touched values
 * are counted, through an index-friendly restriction; rows never visible never reach the table.
 * See ref-dvm.md §2.12–2.13 (whose invisible stored rows this avoids).
 */
final class SetOpDelta {

    private SetOpDelta() {
    }

    static String delta(DeltaContext ctx, SetOp op, String dl, String dr) {
        List<ColumnId> out = op.columns();
        List<String> names = out.stream().map(ColumnId::name).toList();
        String outList = SqlWriter.names(out);
        String touched = ctx.cte("setop_touched", "SELECT " + outList + ", sum(CASE WHEN side = 'L' THEN " + WEIGHT
                + " ELSE 0 END)::bigint AS da, sum(CASE WHEN side = 'R' THEN " + WEIGHT + " ELSE 0 END)::bigint AS db FROM ("
                + branch(op.left(), out, dl, "L") + " UNION ALL " + branch(op.right(), out, dr, "R") + ") t GROUP BY " + outList);
        String a = count(ctx, op.left(), out, touched, names);
        String b = count(ctx, op.right(), out, touched, names);
        List<String> t = out.stream().map(id -> col("t", id)).toList();
        List<PgType> types = out.stream().map(ctx::type).toList();
        String sameA = Fragments.sameValues(t, out.stream().map(id -> col("a", id)).toList(), types);
        String sameB = Fragments.sameValues(t, out.stream().map(id -> col("b", id)).toList(), types);
        String a1 = "coalesce(a.n, 0)";
        String b1 = "coalesce(b.n, 0)";
        String change = "(" + Fragments.multiplicity(op, a1, b1) + " - "
                + Fragments.multiplicity(op, "(" + a1 + " - t.da)", "(" + b1 + " - t.db)") + ")";
        return ctx.cte(op.kind().name(), Fragments.weighted(SqlWriter.cols("t", out), change + "::bigint", touched + " t"
                + " LEFT JOIN (" + a + ") a ON " + sameA + " LEFT JOIN (" + b + ") b ON " + sameB + " WHERE " + change + " <> 0"));
    }

    /** One side's delta under the output's column names, tagged with its side. */
    private static String branch(Operator side, List<ColumnId> out, String delta, String tag) {
        return "SELECT " + Fragments.renamed("s", side.columns(), out) + ", " + weightOf("s") + ", '" + tag + "' AS side"
                + " FROM " + delta + " s";
    }

    /** How many times each touched value is in one side after the window. */
    private static String count(DeltaContext ctx, Operator side, List<ColumnId> out, String touched, List<String> names) {
        List<Expr> keys = side.columns().stream().map(Expr::column).toList();
        String restricted = ctx.newState(KeyScope.restrict(side, keys, touched, names));
        return "SELECT " + Fragments.renamed("s", side.columns(), out) + ", count(*) AS n FROM (" + restricted + ") s GROUP BY "
                + Fragments.positions(out.size());
    }
}
