package io.trickle.engine.dvm.op;

import java.util.Objects;

/**
 * One column of an operator's output. The name is unique within a tree and is what generated SQL
 * calls the column; it is chosen by the translator to be readable ({@code o_amount}) and is always
 * quoted when rendered.
 */
public record ColumnId(String name) {

    public ColumnId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("__pgt_")) {
            throw new IllegalArgumentException("invalid column id: '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
