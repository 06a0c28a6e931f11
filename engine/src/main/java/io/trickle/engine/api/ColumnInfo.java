package io.trickle.engine.api;

import java.util.Objects;

/**
 * A column as PostgreSQL describes it.
 *
 * @param name the column's name, exactly as stored
 * @param type its type as {@code format_type} prints it ({@code numeric(10,2)}, {@code text})
 */
public record ColumnInfo(String name, String type) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        type = type == null ? "" : type;
    }
}
