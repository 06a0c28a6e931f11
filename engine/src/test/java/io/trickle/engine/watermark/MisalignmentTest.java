package io.trickle.engine.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisalignmentTest {

    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aGroupWaitingForASourceThatNeverReportedSaysSo() {
        Misalignment m = new Misalignment("etl", List.of("public.lines"), MARCH_1, MARCH_1, Duration.ZERO, Duration.ZERO, 1, 2);
        assertEquals("group etl waits for public.lines (no watermark yet; 1 of 2 sources reported)", m.describe());
    }

    @Test
    void aGroupTooFarApartNamesTheLaggingSourceItsWatermarkTheLagAndTheTolerance() {
        Misalignment m = new Misalignment("etl", List.of("public.lines", "public.\"Refunds\""), MARCH_1,
                MARCH_1.plusSeconds(86_400 + 1), Duration.ofSeconds(86_401), Duration.ofMillis(1500), 3, 3);
        assertEquals("group etl waits for public.lines, public.\"Refunds\" (at 2026-03-01T00:00:00Z, 1d1s behind the newest,"
                + " 2026-03-02T00:00:01Z; tolerance 1.5s)", m.describe());
    }

    @Test
    void theReasonStartsWithWatermarkMisalignedAndListsEveryGroup() {
        Misalignment a = new Misalignment("a", List.of("public.x"), null, null, null, Duration.ZERO, 0, 2);
        Misalignment b = new Misalignment("b", List.of("public.y"), null, null, null, Duration.ZERO, 1, 2);
        assertEquals("watermark_misaligned: group a waits for public.x (no watermark yet; 0 of 2 sources reported);"
                + " group b waits for public.y (no watermark yet; 1 of 2 sources reported)", Misalignment.reason(List.of(a, b)));
    }
}
