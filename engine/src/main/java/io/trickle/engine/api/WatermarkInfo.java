package io.trickle.engine.api;

import java.time.Instant;

/**
 * A source's watermark, as {@code pgtrickle.watermarks()} gives it (DESIGN §5).
 *
 * @param sourceTable qualified name of the source, quoted where PostgreSQL needs quotes
 * @param schemaName  the source's schema
 * @param watermark   how far its producer says it has loaded
 * @param updatedAt   when the watermark was last advanced (database clock)
 * @param advancedBy  the role that advanced it
 * @param walLsn      the WAL position at that moment, as PostgreSQL prints a pg_lsn
 */
public record WatermarkInfo(String sourceTable, String schemaName, Instant watermark, Instant updatedAt, String advancedBy,
                            String walLsn) {
}
