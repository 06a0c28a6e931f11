package io.trickle.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * A relation's name and columns, for completing names in SQL ({@link Trickle#relationOutlines}).
 *
 * @param schema  the schema, exactly as stored
 * @param name    the relation's name, exactly as stored
 * @param kind    {@code table}, {@code view}, … as in {@link RelationStats#kind()}
 * @param columns its columns in table order
 */
public record RelationOutline(String schema, String name, String kind, List<ColumnInfo> columns) {

    public RelationOutline {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
