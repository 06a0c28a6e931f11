package io.trickle.engine.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineEvent;
import io.trickle.engine.api.EngineEvent.Kind;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.EventSubscription;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Trickle#listen}: the engine's NOTIFY channels as typed events — catalog changes, scheduler
 * refreshes and watermark moves, whoever made them — and a lost session said and recovered.
 */
@Tag("pg15")
class NotificationListenerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void changesMadeElsewhereArriveAsEventsAndALostSessionComesBack() {
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withApplicationName("events-it")
                .withMaxConnections(6))) {
            trickle.install();
            db.execute("CREATE TABLE feed_a (id int PRIMARY KEY, v int)", "CREATE TABLE feed_b (id int PRIMARY KEY, v int)",
                    "INSERT INTO feed_a VALUES (1, 1)");
            try (EventSubscription subscription = trickle.listen(events::add)) {
                await(events, e -> e.kind() == Kind.LISTENING, "listening");
                assertTrue(subscription.isListening());

                trickle.create("feed_copy", "SELECT id, v FROM public.feed_a", "1s", null, true);
                await(events, e -> e.kind() == Kind.CATALOG_CHANGED, "the create");

                db.execute("SELECT pgtrickle.create_watermark_group('feeds', ARRAY['feed_a', 'feed_b']::regclass[])",
                        "SELECT pgtrickle.advance_watermark('feed_a', '2026-03-01')");
                await(events, e -> e.kind() == Kind.WATERMARK_CHANGED && "public.feed_a".equals(e.subject()), "the advance");

                try (SchedulerHandle scheduler = trickle.runScheduler(new SchedulerOptions(null, 2))) {
                    db.execute("INSERT INTO feed_a VALUES (2, 2)");
                    await(events, e -> e.kind() == Kind.REFRESH_COMPLETED && "public.feed_copy".equals(e.streamTable())
                            && "DIFFERENTIAL".equals(e.subject()), "the scheduler's refresh");
                }

                long lost = events.stream().filter(e -> e.kind() == Kind.LISTENING).count();
                db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'events-it events'");
                await(events, e -> e.kind() == Kind.NOT_LISTENING, "the lost session said");
                Eventually.await(DEADLINE, () -> events.stream().filter(e -> e.kind() == Kind.LISTENING).count() > lost,
                        "listening again");
                trickle.advanceWatermark("feed_b", Instant.parse("2026-03-01T00:00:00Z"));
                await(events, e -> e.kind() == Kind.WATERMARK_CHANGED && "public.feed_b".equals(e.subject()),
                        "events after the reconnect");
            }
        }
    }

    private static void await(List<EngineEvent> events, Predicate<EngineEvent> wanted, String what) {
        Eventually.await(DEADLINE, () -> events.stream().anyMatch(wanted), what + " in " + events);
    }
}
