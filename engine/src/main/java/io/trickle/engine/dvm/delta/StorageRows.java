package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.ReservedNames.ROW_ID;

import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.SqlWriter;
import java.util.List;

/** The storage table's rows as the tops that keep state in it read them: its old state. */
final class StorageRows {

    private StorageRows() {
    }

    /** {@code o."a", o."b", …}: every storage column through {@code alias}. */
    static String columns(List<StorageColumn> storage, String alias) {
        return String.join(", ", storage.stream().map(c -> alias + "." + SqlWriter.ident(c.name())).toList());
    }

    /** The stored rows that {@code where} picks (read through alias {@code o}), leaving: weight −1. */
    static String removed(List<StorageColumn> storage, String table, String where) {
        return Fragments.removed(columns(storage, "o"), table + " o WHERE " + where);
    }

    /** The condition that a stored row's id is among the ids {@code rowIds} computes over {@code from}. */
    static String rowIdIn(String rowIds, String from) {
        return "o." + ROW_ID + " IN (SELECT " + rowIds + " FROM " + from + ")";
    }
}
