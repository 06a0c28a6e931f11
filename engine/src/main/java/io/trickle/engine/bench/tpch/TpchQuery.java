package io.trickle.engine.bench.tpch;

/**
 * One of the 22 queries, as text ready to run against the schema it was loaded for.
 *
 * @param name {@code q01} … {@code q22}
 * @param sql  exactly one SELECT, its tables qualified with the target schema
 */
public record TpchQuery(String name, String sql) {
}
