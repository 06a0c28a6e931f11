package io.trickle.engine.api;

import java.util.List;

/**
 * Everything {@code show} prints about one stream table.
 *
 * @param name           qualified name
 * @param status         INITIALIZING, ACTIVE, SUSPENDED or ERROR
 * @param refreshMode    the mode asked for
 * @param effectiveMode  the mode that runs
 * @param fallbackReason why AUTO runs FULL, or null
 * @param schedule       as given
 * @param originalQuery  the query as the user wrote it
 * @param definingQuery  the query as stored (relations schema-qualified)
 * @param columns        storage columns with types ({@code __pgt_} columns included)
 * @param rowIdentity    how row ids are computed
 * @param sources        the relations it reads, with their kind
 * @param operatorTree   the differential engine's operator tree, or null in FULL mode
 * @param strategy       how the top of the tree is maintained, or null in FULL mode
 * @param deltaSql       the delta query for one change window, or null in FULL mode
 * @param fullSql        the query a FULL refresh runs
 * @param lastError      the last failure, or null
 */
public record StreamTableDetails(String name, String status, RefreshMode refreshMode, EffectiveMode effectiveMode, String fallbackReason,
                                 String schedule, String originalQuery, String definingQuery, List<String> columns,
                                 String rowIdentity, List<String> sources, String operatorTree, String strategy,
                                 String deltaSql, String fullSql, String lastError) {

    public StreamTableDetails {
        columns = List.copyOf(columns);
        sources = List.copyOf(sources);
    }
}
