package io.trickle.engine.refresh;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryText;
import java.util.List;

/**
 * What the engine derived from a query under the creator's session: the checked text, what
 * PostgreSQL says about it, the query as stored (relations schema-qualified), the storage shape and
 * the mode it will really run in.
 *
 * @param effectiveMode  what the table will run
 * @param fallbackReason why AUTO uses FULL, or null
 * @param warnings       things the DBA should know (stable functions, …)
 */
public record Derivation(QueryText text, ProbeResult probe, String definingQuery, StorageSpec storage,
                         EffectiveMode effectiveMode, String fallbackReason, List<String> warnings) {

    public Derivation {
        warnings = List.copyOf(warnings);
    }
}
