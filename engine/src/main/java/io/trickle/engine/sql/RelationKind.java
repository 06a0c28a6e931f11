package io.trickle.engine.sql;

/** What a relation in FROM is, from {@code pg_class.relkind}. */
public enum RelationKind {
    TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE, OTHER;

    public static RelationKind fromRelkind(String relkind) {
        return switch (relkind) {
            case "r" -> TABLE;
            case "p" -> PARTITIONED_TABLE;
            case "v" -> VIEW;
            case "m" -> MATERIALIZED_VIEW;
            case "f" -> FOREIGN_TABLE;
            default -> OTHER;
        };
    }

    /** Whether changes to it can be captured with triggers. */
    public boolean capturable() {
        return this == TABLE || this == PARTITIONED_TABLE;
    }
}
