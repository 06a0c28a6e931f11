package io.trickle.engine.graph;

import java.util.List;

/**
 * A strongly connected component of stream tables that read each other (or one table that reads
 * itself): the scheduler refreshes it as a unit, member after member, until a whole round changes
 * nothing. Members are ordered by id, which is the order they are refreshed in each round.
 */
public record Cycle(List<GraphTable> members) {

    public Cycle {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cycle has members");
        }
    }

    public List<Long> ids() {
        return members.stream().map(GraphTable::id).toList();
    }

    public boolean contains(long id) {
        return members.stream().anyMatch(t -> t.id() == id);
    }

    /** The member names, for messages: {@code public.a, public.b}. */
    public String names() {
        return String.join(", ", members.stream().map(GraphTable::name).toList());
    }
}
