package io.trickle.engine.dvm.op;

import java.util.List;

/** What every {@link Operator#withInputs} needs: whether the new inputs are the old ones. */
final class Rebuild {

    private Rebuild() {
    }

    /** Whether {@code inputs} are, one by one, the very instances {@code op} reads now. */
    static boolean unchanged(Operator op, List<Operator> inputs) {
        List<Operator> current = op.inputs();
        if (inputs.size() != current.size()) {
            throw new IllegalArgumentException(op.describe() + " is rebuilt over " + current.size() + " input(s), not " + inputs.size());
        }
        for (int i = 0; i < current.size(); i++) {
            if (inputs.get(i) != current.get(i)) {
                return false;
            }
        }
        return true;
    }
}
