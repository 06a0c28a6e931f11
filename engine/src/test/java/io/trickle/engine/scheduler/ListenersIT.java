package io.trickle.engine.scheduler;

import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.EngineListeners;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshEvent;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.SchedulerEvent;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener seam (issue 15 point 5): listeners given to {@link Trickle#open} hear the refreshes
 * of every path — by hand, the scheduler's — and the scheduler's own events, with no wiring of their
 * own; a listener that throws changes nothing.
 */
class ListenersIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void listenersGivenToTheFacadeHearEveryRefreshAndTheScheduler() {
        SchedulerFixture.install(db);
        SchedulerFixture.source(db, "heard_src");
        List<RefreshEvent> refreshes = new CopyOnWriteArrayList<>();
        List<SchedulerEvent> scheduler = new CopyOnWriteArrayList<>();
        EngineListeners listeners = EngineListeners.none()
                .onRefresh(refreshes::add)
                .onRefresh(e -> {
                    throw new IllegalStateException("a broken listener");
                })
                .onScheduler(scheduler::add);
        try (Trickle engine = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(8)
                .withListeners(listeners))) {
            engine.create(CreateRequest.of("heard", "SELECT grp, count(*) AS n FROM heard_src GROUP BY grp")
                    .schedule("1s").mode(RefreshMode.DIFFERENTIAL));
            db.execute("INSERT INTO heard_src VALUES (1000, 1, 1)");
            assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("heard").action(), "a broken listener changes nothing");
            RefreshEvent.Completed byHand = (RefreshEvent.Completed) refreshes.get(0);
            assertEquals(new RefreshEvent.Completed("public.heard", InitiatedBy.MANUAL, RefreshAction.DIFFERENTIAL, null, 1, 1,
                    byHand.durationMs()), byHand);

            db.execute("INSERT INTO heard_src VALUES (1001, 1, 2)");
            try (SchedulerHandle handle = engine.runScheduler(SchedulerOptions.defaults())) {
                Eventually.await(DEADLINE, () -> refreshes.stream().anyMatch(e -> e.initiatedBy() == InitiatedBy.SCHEDULER),
                        "the scheduler's refresh is heard");
                Eventually.await(DEADLINE, () -> scheduler.stream().anyMatch(e -> e instanceof SchedulerEvent.TickCompleted t
                        && t.refreshed() > 0), "a tick that refreshed is heard");
                db.execute("DROP TABLE heard_src CASCADE");
                Eventually.await(DEADLINE, () -> scheduler.stream().anyMatch(e -> e instanceof SchedulerEvent.TableFailed f
                        && f.streamTable().equals("public.heard")), "the scheduler's failure is heard");
            }
            assertTrue(refreshes.stream().anyMatch(e -> e instanceof RefreshEvent.Failed f && f.streamTable().equals("public.heard")
                    && f.error().contains("heard_src")), "the failed refresh is heard, naming the dropped source: " + refreshes);
            assertEquals(new SchedulerEvent.LeadershipGained(engine.databaseName()), scheduler.get(0));
            SchedulerEvent last = scheduler.get(scheduler.size() - 1);
            assertTrue(last instanceof SchedulerEvent.LeadershipLost lost && lost.reason().equals("the scheduler stopped"),
                    "stopping gives up leadership: " + last);
        }
    }
}
