package io.trickle.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * What a DBA looks up about a relation before touching it ({@link Trickle#relationStats}): its owner,
 * how many rows it holds and how much space it takes, its indexes and who may do what with it. For a
 * stream table these are its storage table's.
 *
 * @param relation      qualified name, quoted where PostgreSQL needs quotes
 * @param kind          {@code table}, {@code partitioned table}, {@code view}, {@code materialized view} or
 *                      {@code foreign table}
 * @param owner         the owning role
 * @param estimatedRows the planner's estimate ({@code reltuples}); -1 when never analysed
 * @param rows          the exact count, or null when counting took longer than {@link #COUNT_TIMEOUT_MS}
 * @param totalBytes    table, TOAST and indexes ({@code pg_total_relation_size})
 * @param tableBytes    the table alone ({@code pg_relation_size})
 * @param indexBytes    all its indexes ({@code pg_indexes_size})
 * @param indexes       its indexes, by name
 * @param grants        privileges by grantee ({@code PUBLIC} for everyone), the owner's included
 */
public record RelationStats(String relation, String kind, String owner, long estimatedRows, Long rows,
                            long totalBytes, long tableBytes, long indexBytes, List<Index> indexes, List<Grant> grants) {

    /** How long an exact count may take before the estimate is all there is. */
    public static final int COUNT_TIMEOUT_MS = 3000;

    public RelationStats {
        Objects.requireNonNull(relation, "relation");
        indexes = List.copyOf(indexes);
        grants = List.copyOf(grants);
    }

    /**
     * @param definition {@code pg_get_indexdef}: the CREATE INDEX statement
     */
    public record Index(String name, String definition, boolean unique, boolean primaryKey, long bytes) {
    }

    /**
     * @param privileges {@code SELECT}, {@code INSERT}, … in alphabetical order
     */
    public record Grant(String grantee, List<String> privileges) {
        public Grant {
            privileges = List.copyOf(privileges);
        }
    }
}
