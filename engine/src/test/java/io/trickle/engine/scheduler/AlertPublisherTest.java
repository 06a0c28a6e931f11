package io.trickle.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AlertPublisherTest {

    @Test
    void payloadsAreJsonWithEventAndStreamTableFirstAndLongTextsCut() throws Exception {
        AlertPublisher publisher = new AlertPublisher(null);
        String payload = publisher.payload(Alert.of("refresh_failed", "public.\"Order\"", "error", "x".repeat(10_000),
                "consecutive_errors", 2));
        assertTrue(payload.startsWith("{\"event\":\"refresh_failed\",\"stream_table\":\"public.\\\"Order\\\"\""), payload);
        assertTrue(payload.length() < 8000, "a NOTIFY payload must stay under 8000 bytes");
        JsonNode json = new ObjectMapper().readTree(payload);
        assertEquals(2, json.get("consecutive_errors").asInt());
    }
}
