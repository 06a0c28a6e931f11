package io.trickle.engine.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Numbers the cycles of a dependency graph ({@code pgt_stream_tables.scc_id}). A number names one
 * set of members: a cycle keeps its number for as long as exactly the same tables share it, so that
 * the monitoring views, history and dashboards can follow it across catalog changes. A cycle that
 * formed, grew, shrank or merged with another gets a fresh number (numbers are never reused, the
 * caller's supplier sees to that), and a table in no cycle has none.
 */
public final class SccNumbering {

    private SccNumbering() {
    }

    /**
     * @param current the number each stream table has now (tables without one may be absent)
     * @param fresh   hands out a number never used before
     * @return the number of every table that belongs to a cycle; the other tables have none
     */
    public static Map<Long, Integer> assign(DependencyGraph graph, Map<Long, Integer> current, IntSupplier fresh) {
        Map<Integer, Set<Long>> holders = new HashMap<>();
        current.forEach((id, number) -> {
            if (number != null) {
                holders.computeIfAbsent(number, k -> new HashSet<>()).add(id);
            }
        });
        Map<Long, Integer> out = new HashMap<>();
        for (Cycle cycle : graph.cycles()) {
            Set<Long> members = new HashSet<>(cycle.ids());
            Integer kept = current.get(cycle.ids().get(0));
            // Exactly the tables holding the number are this cycle's members: same membership, same number.
            int number = kept != null && members.equals(holders.get(kept)) ? kept : fresh.getAsInt();
            members.forEach(id -> out.put(id, number));
        }
        return out;
    }
}
