package io.trickle.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.AlterRequest;
import io.trickle.engine.api.ChangeBufferStatus;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.HealthProblem;
import io.trickle.engine.api.StreamTableLag;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL a DBA without Prometheus reads (issue 16): {@code stream_table_lag} names the slowest
 * upstream, {@code change_buffers()} counts what waits, {@code health()} reports one row per problem.
 * No scheduler runs here, so nothing moves but what the test does.
 */
@Tag("pg15")
class HealthSqlIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void lagNamesTheSlowestUpstreamAndHealthReportsEachProblem() {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
            db.execute("CREATE TABLE public.src (id int PRIMARY KEY, grp int NOT NULL)",
                    "INSERT INTO public.src SELECT g, g % 3 FROM generate_series(1, 30) g");
            trickle.create(CreateRequest.of("base", "SELECT id, grp FROM public.src").schedule("1s"));
            trickle.create(CreateRequest.of("middle", "SELECT grp, count(*) AS n FROM public.base GROUP BY grp"));
            trickle.create(CreateRequest.of("top", "SELECT grp, n FROM public.middle WHERE n > 0").schedule("1m"));

            Map<String, StreamTableLag> lag = byName(trickle.lag(), StreamTableLag::name);
            assertEquals(Duration.ofSeconds(1), lag.get("public.base").effectiveInterval());
            assertEquals(Duration.ofMinutes(1), lag.get("public.middle").effectiveInterval(),
                    "a calculated schedule takes its reader's period");
            assertNull(lag.get("public.base").slowestUpstream(), "nothing upstream of base: its own refresh is what counts");
            // base was refreshed first (each table is populated as it is created): it is furthest behind.
            assertEquals("public.base", lag.get("public.top").slowestUpstream());
            assertEquals(StreamTableLag.UpstreamKind.STREAM_TABLE, lag.get("public.top").slowestUpstreamKind());
            assertTrue(lag.get("public.top").slowestUpstreamLag().compareTo(lag.get("public.top").staleness()) > 0);

            db.execute("INSERT INTO public.src VALUES (100, 1), (101, 2)");
            ChangeBufferStatus buffer = buffer(trickle, "public.src");
            assertEquals(2, buffer.pendingRows());
            assertTrue(buffer.bytes() > 0 && buffer.oldestPending().compareTo(Duration.ZERO) > 0, buffer.toString());

            List<HealthProblem> problems = trickle.health();
            assertEquals(HealthProblem.Kind.NO_LEADER, problems.get(0).kind(), problems.toString());
            assertEquals(HealthProblem.Severity.CRITICAL, problems.get(0).severity());
            Eventually.await(Duration.ofSeconds(30), () -> trickle.health().stream()
                    .anyMatch(p -> p.kind() == HealthProblem.Kind.STALE && p.object().equals("public.base")),
                    "base, on a 1 s schedule and not refreshed, is reported stale");

            trickle.alter(AlterRequest.of("top").status(AlterRequest.Status.SUSPENDED));
            assertTrue(trickle.health().stream().anyMatch(p -> p.kind() == HealthProblem.Kind.SUSPENDED
                    && p.object().equals("public.top") && p.severity() == HealthProblem.Severity.CRITICAL),
                    trickle.health().toString());

            trickle.refresh("base");
            assertEquals(0, buffer(trickle, "public.src").pendingRows(), "the only reader consumed the changes");
            assertTrue(trickle.health().stream().noneMatch(p -> p.object().equals("public.base")),
                    "refreshed, base is fine again: " + trickle.health());
        }
    }

    private static ChangeBufferStatus buffer(Trickle trickle, String source) {
        return trickle.changeBuffers().stream().filter(b -> b.source().equals(source)).findFirst().orElseThrow();
    }

    private static <T> Map<String, T> byName(List<T> rows, Function<T, String> name) {
        return rows.stream().collect(Collectors.toMap(name, r -> r));
    }
}
