package io.trickle.engine.sql;

/** A column of a relation, as {@code pg_attribute} describes it. */
public record RelationColumn(String name, PgType type, boolean notNull) {
}
