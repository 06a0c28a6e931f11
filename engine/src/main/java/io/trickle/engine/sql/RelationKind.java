package io.trickle.engine.sql;

import java.util.Optional;

/**
 * What a relation in FROM is, from {@code pg_class}: its relkind, and whether it belongs to the system
 * (schemas {@code pg_catalog}, {@code information_schema}, {@code pg_toast}) or to one session.
 */
public enum RelationKind {
    TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE, SEQUENCE,
    /** A system catalog ({@code pg_class}): PostgreSQL writes it without firing triggers. */
    SYSTEM_TABLE,
    /** A view of the system ({@code pg_stat_activity}, {@code information_schema.tables}): not expanded. */
    SYSTEM_VIEW,
    /** A table of one session ({@code CREATE TEMP TABLE}): no other session, no refresh, can read it. */
    TEMPORARY_TABLE,
    OTHER;

    /** Schemas whose relations the system maintains. */
    private static final java.util.Set<String> SYSTEM_SCHEMAS = java.util.Set.of("pg_catalog", "information_schema", "pg_toast");

    public static RelationKind fromRelkind(String relkind) {
        return switch (relkind) {
            case "r" -> TABLE;
            case "p" -> PARTITIONED_TABLE;
            case "v" -> VIEW;
            case "m" -> MATERIALIZED_VIEW;
            case "f" -> FOREIGN_TABLE;
            case "S" -> SEQUENCE;
            default -> OTHER;
        };
    }

    /** The kind of a relation described by its relkind, schema and persistence ({@code pg_class.relpersistence}). */
    public static RelationKind of(String relkind, String schema, String persistence) {
        RelationKind kind = fromRelkind(relkind);
        if (SYSTEM_SCHEMAS.contains(schema)) {
            return kind == VIEW ? SYSTEM_VIEW : SYSTEM_TABLE;
        }
        if ("t".equals(persistence) && (kind == TABLE || kind == PARTITIONED_TABLE)) {
            return TEMPORARY_TABLE;
        }
        return kind;
    }

    /** Whether changes to it can be captured with triggers. */
    public boolean capturable() {
        return this == TABLE || this == PARTITIONED_TABLE;
    }

    /**
     * Why the changes of a relation of this kind cannot be seen by the engine, for a message that
     * names the relation ("pg_catalog.pg_class, a system catalog"); empty for captured tables and for
     * user views, whose changes are those of the tables beneath them.
     */
    public Optional<String> uncapturedBecause() {
        return switch (this) {
            case TABLE, PARTITIONED_TABLE, VIEW -> Optional.empty();
            case SYSTEM_TABLE -> Optional.of("a system catalog");
            case SYSTEM_VIEW -> Optional.of("a system view");
            case MATERIALIZED_VIEW -> Optional.of("a materialized view");
            case FOREIGN_TABLE -> Optional.of("a foreign table");
            case SEQUENCE -> Optional.of("a sequence");
            case TEMPORARY_TABLE -> Optional.of("a temporary table");
            case OTHER -> Optional.of("a relation of a kind triggers cannot watch");
        };
    }
}
