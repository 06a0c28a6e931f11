package io.trickle.engine.catalog;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.EffectiveMode;
import java.time.Instant;

/** One row of {@code pgtrickle.pgt_stream_tables}, as the engine reads it. */
public record StreamTableRow(long id, String schema, String name, long storageOid, String definingQuery,
                             String originalQuery, String schedule, RefreshMode refreshMode, EffectiveMode effectiveMode,
                             String fallbackReason, String status, boolean populated, boolean needsReinit,
                             String reinitReason, int consecutiveErrors, String lastError, boolean keyedRowIds,
                             Integer sccId, Integer lastFixpointIterations, String timeZone, String searchPath,
                             Instant lastRefreshAt, Instant dataTimestamp, Instant createdAt) {

    /** {@code schema.name}, quoted where needed. */
    public String displayName() {
        return io.trickle.engine.api.QualifiedName.of(schema, name).toString();
    }
}
