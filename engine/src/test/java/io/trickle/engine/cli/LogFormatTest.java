package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code --log-format json}: one JSON object per line, a refresh line's facts as fields of their own. */
class LogFormatTest {

    @Test
    // WARN: the tests' logback-test.xml keeps the root at WARN; the format is what is tested.
    void jsonLinesCarryTheMessageAndTheRefreshFields() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Logging.configure(false, LogFormat.JSON);
            LoggerFactory.getLogger("io.trickle.engine.refresh.RefreshExecutor").atWarn()
                    .addKeyValue("stream_table", "shop.order_totals").addKeyValue("action", "DIFFERENTIAL")
                    .addKeyValue("duration_ms", 12.5)
                    .log("{}: {} +{} -{} in {} ms", "shop.order_totals", "DIFFERENTIAL", 3, 1, 13);
        } finally {
            Logging.configure(false, LogFormat.TEXT);
            System.setErr(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(1, lines.length, String.join("\n", lines));
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals("WARN", line.path("level").asText(), lines[0]);
        assertEquals("shop.order_totals: DIFFERENTIAL +3 -1 in 13 ms", line.path("formattedMessage").asText());
        String fields = line.path("kvpList").toString();
        for (String expected : new String[] {"\"stream_table\":\"shop.order_totals\"", "\"action\":\"DIFFERENTIAL\"",
            "\"duration_ms\":\"12.5\""}) {
            assertFalse(!fields.contains(expected), expected + " in " + fields);
        }
    }
}
