package io.trickle.engine.scheduler;

import io.trickle.engine.api.CreateRequest;
import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static io.trickle.engine.scheduler.SchedulerFixture.awaitMatches;
import static io.trickle.engine.scheduler.SchedulerFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two engines on one database, and an engine whose sessions are killed under it. The engines run as
 * a role with no special attributes (CREATE on the database, owner of its sources), as DESIGN §2
 * promises.
 */
@Tag("pg15")
class LeaderElectionIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static String url;

    @BeforeAll
    static void install() {
        url = db.createPlainRole("trickle_scheduler_role", "scheduler-pw", true);
        SchedulerFixture.install(url);
    }

    @Test
    void oneEngineLeadsAndAnotherTakesOverWhenItStops() throws Exception {
        source(url, "events");
        String query = "SELECT grp, count(*) AS cnt, sum(v) AS total FROM public.events GROUP BY grp";
        try (Trickle first = SchedulerFixture.engine(url); Trickle second = SchedulerFixture.engine(url)) {
            first.create(CreateRequest.of("event_totals", query).schedule("1s"));
            SchedulerHandle leader = SchedulerFixture.leading(first);
            SchedulerHandle follower = second.runScheduler(SchedulerOptions.defaults());
            try (SourceWriter writer = new SourceWriter(url, "events", 7, 100_000)) {
                Eventually.await(DEADLINE, () -> follower.role() == SchedulerRole.FOLLOWER, "the second engine follows");
                assertNotNull(db.scalar("SELECT pgtrickle.scheduler_leader_pid()"));
                for (int i = 0; i < 10; i++) {
                    assertFalse(leader.role() == SchedulerRole.LEADER && follower.role() == SchedulerRole.LEADER,
                            "two leaders at once");
                }
                leader.stop();
                assertEquals(SchedulerRole.STOPPED, leader.role());
                Eventually.await(DEADLINE, () -> follower.role() == SchedulerRole.LEADER, "the follower takes over");
                long before = completedRefreshes();
                Eventually.await(DEADLINE, () -> completedRefreshes() > before, "the new leader refreshes");
            }
            awaitMatches(db, "event_totals", query);
            follower.stop();
            assertNull(db.scalar("SELECT pgtrickle.scheduler_leader_pid()"), "a stopped leader frees the lock");
        }
    }

    @Test
    void anEngineWhoseSessionsAreKilledReconnectsAndCarriesOn() {
        source(url, "readings");
        String query = "SELECT id, v FROM public.readings WHERE v > 3";
        try (Trickle engine = SchedulerFixture.engine(url)) {
            engine.create(CreateRequest.of("high_readings", query).schedule("1s"));
            try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
                long killed = db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name LIKE 'trickle%'");
                assertFalse(killed == 0, "the engine's sessions were found");
                Eventually.await(DEADLINE, () -> scheduler.role() == SchedulerRole.LEADER
                        && db.scalar("SELECT pgtrickle.scheduler_leader_pid()") != null, "the engine leads again");
                db.execute("INSERT INTO readings SELECT g, 10, 1 FROM generate_series(2000, 2020) g");
                awaitMatches(db, "high_readings", query);
            }
        }
    }

    private static long completedRefreshes() {
        return db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status = 'COMPLETED'"
                + " AND initiated_by = 'SCHEDULER'");
    }
}
