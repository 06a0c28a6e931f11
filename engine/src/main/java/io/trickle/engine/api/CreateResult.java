package io.trickle.engine.api;

import java.util.List;

/**
 * What {@code create} did.
 *
 * @param name           the stream table
 * @param refreshMode    the mode asked for
 * @param effectiveMode  what runs: DIFFERENTIAL or FULL
 * @param fallbackReason why AUTO chose FULL, or null
 * @param rowsInserted   rows written by the initial population (0 with --no-initialize)
 * @param populated      whether the table was populated
 * @param warnings       things worth knowing (stable functions…)
 */
public record CreateResult(String name, RefreshMode refreshMode, EffectiveMode effectiveMode, String fallbackReason, long rowsInserted,
                           boolean populated, List<String> warnings) {

    public CreateResult {
        warnings = List.copyOf(warnings);
    }
}
