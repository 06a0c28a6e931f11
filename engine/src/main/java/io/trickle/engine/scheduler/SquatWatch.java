package io.trickle.engine.scheduler;

import io.trickle.engine.catalog.LockSquatters;
import io.trickle.engine.db.Database;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a tick finds tables busy, asks who holds their refresh locks, and reports each session of a
 * role that is not an engine role once, as alert {@code refresh_lock_squatted} and a warning: such a
 * session delays the table for as long as it lives, and nothing else would say so (issue 18).
 */
final class SquatWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SquatWatch.class);

    private final Database database;
    private final Set<String> reported = new HashSet<>();

    SquatWatch(Database database) {
        this.database = database;
    }

    List<Alert> observe(List<TableOutcome> results) {
        if (results.stream().noneMatch(o -> o.result() == TableOutcome.Result.BUSY)) {
            return List.of();
        }
        List<LockSquatters.Squatter> squatters;
        try {
            squatters = database.withConnection("reading who holds refresh locks", LockSquatters::find);
        } catch (RuntimeException e) {
            LOG.debug("could not read who holds refresh locks: {}", e.getMessage());
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>();
        Set<String> now = new HashSet<>();
        for (LockSquatters.Squatter s : squatters) {
            String key = s.pgtId() + ":" + s.pid();
            now.add(key);
            if (reported.add(key)) {
                LOG.warn("{}: {}", s.streamTable(), s.describe());
                alerts.add(Alert.of("refresh_lock_squatted", s.streamTable(), "pid", s.pid(), "role", s.role(),
                        "since", s.since() == null ? null : s.since().toString(), "detail", s.describe()));
            }
        }
        reported.retainAll(now);
        return alerts;
    }
}
