package io.trickle.engine.dvm.rewrite;

import io.trickle.engine.dvm.op.Operator;
import java.util.List;
import java.util.function.UnaryOperator;

/** The normalising rewrites, in the order they run on a freshly translated tree. */
public final class Rewrites {

    private static final List<UnaryOperator<Operator>> ALL = List.of(
            PushFiltersIntoJoinsRewrite::rewrite,
            PruneColumnsRewrite::rewrite);

    private Rewrites() {
    }

    public static Operator apply(Operator root) {
        Operator out = root;
        for (UnaryOperator<Operator> rewrite : ALL) {
            out = rewrite.apply(out);
        }
        return out;
    }
}
