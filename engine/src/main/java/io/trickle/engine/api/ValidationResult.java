package io.trickle.engine.api;

import java.util.List;

/**
 * What the engine would do with a query, without creating anything.
 *
 * @param effectiveMode  what create would run
 * @param fallbackReason why AUTO would use FULL, or null
 * @param outputColumns  the storage table's user columns, {@code name type}
 * @param operatorTree   the differential engine's tree, or null when FULL
 * @param strategy       how the top would be maintained, or null when FULL
 * @param deltaSql       the delta query for one change window, or null when FULL
 * @param warnings       things worth knowing
 */
public record ValidationResult(EffectiveMode effectiveMode, String fallbackReason, List<String> outputColumns,
                               String operatorTree, String strategy, String deltaSql, List<String> warnings) {

    public ValidationResult {
        outputColumns = List.copyOf(outputColumns);
        warnings = List.copyOf(warnings);
    }

    public boolean differential() {
        return effectiveMode == EffectiveMode.DIFFERENTIAL;
    }
}
