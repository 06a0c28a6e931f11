package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.Operator;
import java.util.List;

/** A translated (sub)query: its operator tree and the names its output columns have in SQL. */
record Translated(Operator op, List<String> names) {

    Translated {
        names = List.copyOf(names);
        if (names.size() != op.columns().size()) {
            throw new IllegalStateException("translation yields " + op.columns().size() + " columns for "
                    + names.size() + " names");
        }
    }
}
