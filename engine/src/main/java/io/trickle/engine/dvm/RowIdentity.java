package io.trickle.engine.dvm;

import java.util.List;

/**
 * How {@code __pgt_row_id} is computed from a storage row. Keyed: the hash of the key columns, unique
 * (an empty key is the single row of a scalar aggregate). Otherwise: the hash of every column,
 * shared by duplicate rows, with a non-unique index.
 */
public record RowIdentity(boolean keyed, List<String> keyColumns) {

    public RowIdentity {
        keyColumns = List.copyOf(keyColumns);
    }

    public static RowIdentity content() {
        return new RowIdentity(false, List.of());
    }
}
