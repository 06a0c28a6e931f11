package io.trickle.engine.graph;

import io.trickle.engine.api.Schedule;
import java.util.Objects;

/**
 * A stream table as the dependency graph sees it.
 *
 * @param id         {@code pgt_id}
 * @param name       qualified name, for messages
 * @param storageOid the storage table, which is how readers of this table refer to it
 * @param schedule   the schedule as given ({@link Schedule#CALCULATED} when none was)
 * @param immediate  whether it is IMMEDIATE: maintained by its writers, never scheduled
 */
public record GraphTable(long id, String name, long storageOid, Schedule schedule, boolean immediate) {

    public GraphTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
    }

    /** A table the scheduler refreshes. */
    public GraphTable(long id, String name, long storageOid, Schedule schedule) {
        this(id, name, storageOid, schedule, false);
    }
}
