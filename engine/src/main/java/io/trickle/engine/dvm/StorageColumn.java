package io.trickle.engine.dvm;

import io.trickle.engine.sql.PgType;

/**
 * A column of a stream table's storage table (besides {@code __pgt_row_id}): a user column, named
 * and typed exactly as the query's output, or an auxiliary {@code __pgt_} column that keeps state
 * the engine needs (a group's row count, a sum's count of non-NULL values…).
 */
public record StorageColumn(String name, PgType type, boolean auxiliary) {
}
