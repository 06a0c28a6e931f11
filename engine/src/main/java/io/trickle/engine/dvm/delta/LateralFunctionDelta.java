package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.cols;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.render.SqlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Δ(R ⋉ f) = ΔR ⋉ f: a set-returning function depends only on its row, so the delta rows are
 * expanded as they are (a removed row's expansion is removed with it). See ref-dvm.md §2.17.
 */
final class LateralFunctionDelta {

    private LateralFunctionDelta() {
    }

    static String delta(DeltaContext ctx, LateralFunction lf, String input) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lf.outputs().size(); i++) {
            out.add("f." + ident(lf.functionColumns().get(i)) + " AS " + ident(lf.outputs().get(i)));
        }
        String columns = lf.columnDefinitions() != null ? lf.columnDefinitions()
                : lf.functionColumns().stream().map(SqlWriter::ident).collect(Collectors.joining(", "));
        return ctx.cte("lateral_function", "SELECT " + cols("l", lf.input().columns()) + ", " + String.join(", ", out)
                + ", l." + WEIGHT + " FROM " + input + " l" + (lf.leftJoin() ? " LEFT JOIN LATERAL " : " CROSS JOIN LATERAL ")
                + SqlWriter.expr(lf.call(), "l") + " AS f(" + columns + ")" + (lf.leftJoin() ? " ON true" : ""));
    }
}
