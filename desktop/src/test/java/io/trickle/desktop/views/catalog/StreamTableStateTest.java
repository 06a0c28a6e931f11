package io.trickle.desktop.views.catalog;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamTableStateTest {

    private static StreamTableInfo table(String status, String schedule, Double staleness) {
        return new StreamTableInfo("public.t", status, RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, schedule,
                staleness == null ? null : Instant.now(), staleness, 0, null, null, null, null, null);
    }

    @Test
    void aDurationScheduleIsTheDeadline() {
        assertEquals(StreamTableState.FRESH, StreamTableState.of(table("ACTIVE", "1m", 59.0), false));
        assertEquals(StreamTableState.STALE, StreamTableState.of(table("ACTIVE", "1m", 61.0), false));
        assertEquals(StreamTableState.STALE, StreamTableState.of(table("ACTIVE", "90", 91.0), false));
    }

    @Test
    void cronAndCalculatedSchedulesSetNoDeadlineButNeverRefreshedIsStale() {
        assertEquals(StreamTableState.FRESH, StreamTableState.of(table("ACTIVE", "@hourly", 86_400.0), false));
        assertEquals(StreamTableState.FRESH, StreamTableState.of(table("ACTIVE", "calculated", 86_400.0), false));
        assertEquals(StreamTableState.STALE, StreamTableState.of(table("ACTIVE", "calculated", null), false));
    }

    @Test
    void theCatalogStatusComesBeforeStaleness() {
        assertEquals(StreamTableState.ERROR, StreamTableState.of(table("ERROR", "1m", 600.0), false));
        assertEquals(StreamTableState.SUSPENDED, StreamTableState.of(table("SUSPENDED", "1m", 600.0), false));
        assertEquals(StreamTableState.INITIALIZING, StreamTableState.of(table("INITIALIZING", "1m", null), false));
    }

    @Test
    void aFailedLastRefreshShowsAsAnErrorBeforeTheEngineSuspendsTheTable() {
        StreamTableInfo failing = new StreamTableInfo("public.t", "ACTIVE", RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, "1m", Instant.now(),
                5.0, 1, "division by zero", null, null, null, null);
        assertEquals(StreamTableState.ERROR, StreamTableState.of(failing, false));
    }

    @Test
    void anActiveImmediateTableIsMaintainedInTransactionAndDrawnApart() {
        StreamTableInfo immediate = new StreamTableInfo("public.t", "ACTIVE", io.trickle.engine.api.RefreshMode.IMMEDIATE, io.trickle.engine.api.EffectiveMode.IMMEDIATE, "immediate", Instant.now(),
                0.0, 0, null, null, null, null, null);
        assertEquals(StreamTableState.IMMEDIATE, StreamTableState.of(immediate, false));
        assertEquals("immediate", StreamTableState.IMMEDIATE.styleClass());
        StreamTableInfo suspended = new StreamTableInfo("public.t", "SUSPENDED", io.trickle.engine.api.RefreshMode.IMMEDIATE, io.trickle.engine.api.EffectiveMode.IMMEDIATE, "immediate",
                Instant.now(), 0.0, 0, null, null, null, null, null);
        assertEquals(StreamTableState.SUSPENDED, StreamTableState.of(suspended, false));
    }

    @Test
    void aRefreshUnderWayOverridesEverything() {
        assertEquals(StreamTableState.REFRESHING, StreamTableState.of(table("ERROR", "1m", 600.0), true));
    }

    @Test
    void eachStateDrawsWithTheGraphsStatusClasses() {
        assertEquals("fresh", StreamTableState.FRESH.styleClass());
        assertEquals("stale", StreamTableState.STALE.styleClass());
        assertEquals("error", StreamTableState.ERROR.styleClass());
        assertEquals("suspended", StreamTableState.SUSPENDED.styleClass());
        assertEquals("refreshing", StreamTableState.INITIALIZING.styleClass());
        assertEquals("refreshing", StreamTableState.REFRESHING.styleClass());
    }
}
