package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.cols;

import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.render.Fragments;

/**
 * Δ(R ⋉ f) = ΔR ⋉ f: a set-returning function depends only on its row, so the delta rows are
 * expanded as they are (a removed row's expansion is removed with it). See ref-dvm.md §2.17.
 */
final class LateralFunctionDelta {

    private LateralFunctionDelta() {
    }

    static String delta(DeltaContext ctx, LateralFunction lf, String input) {
        return ctx.cte("lateral_function", Fragments.weighted(cols("l", lf.input().columns()) + ", "
                + Fragments.lateralFunctionOutputs(lf, "f"), Fragments.weightOf("l"), input + " l"
                + Fragments.lateralFunction(lf, "l", "f")));
    }
}
