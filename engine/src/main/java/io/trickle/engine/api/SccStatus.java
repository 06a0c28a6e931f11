package io.trickle.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * A strongly connected component of stream tables refreshed to a fixpoint ({@code pgt_scc_status()}).
 *
 * @param members        qualified member names
 * @param lastIterations iterations of the last run that converged or gave up; null before the first
 * @param lastConvergedAt when it last converged; null before that
 */
public record SccStatus(int sccId, List<String> members, Integer lastIterations, Instant lastConvergedAt) {

    public SccStatus {
        members = List.copyOf(members);
    }
}
