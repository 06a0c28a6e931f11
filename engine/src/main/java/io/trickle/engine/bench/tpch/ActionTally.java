package io.trickle.engine.bench.tpch;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The refresh actions a stream table went through, and the reasons the engine gave for them. */
public final class ActionTally {

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Set<String> reasons = new LinkedHashSet<>();

    public void add(RefreshResult r) {
        counts.merge(r.action().name(), 1, Integer::sum);
        if (r.reason() != null && !r.reason().isBlank()) {
            reasons.add(r.reason());
        }
    }

    /** For example {@code DIFFERENTIAL×3} or {@code DIFFERENTIAL×2 FULL×1}, in order of first appearance. */
    public String actions() {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Whether every refresh took {@code action} (and there was at least one). */
    public boolean allWere(RefreshAction action) {
        return counts.size() == 1 && counts.containsKey(action.name());
    }

    /** The distinct reasons given, joined by "; ", or empty. */
    public String reasons() {
        return String.join("; ", reasons);
    }

    /** The distinct reasons other than {@code known} (say, the one create gave), joined by "; ". */
    public String reasonsOtherThan(String known) {
        return String.join("; ", reasons.stream().filter(r -> !r.equals(known)).toList());
    }
}
