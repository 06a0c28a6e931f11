package io.trickle.engine.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trickle.engine.db.Database;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts with {@code pg_notify('pgtrickle_alert', json)}, a batch in one round trip. A
 * NOTIFY payload must stay under 8000 bytes, so long texts (error messages) are cut. Failing to
 * alert is logged and never stops the scheduler.
 */
final class AlertPublisher {

    static final String CHANNEL = "pgtrickle_alert";
    private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);
    private static final int MAX_TEXT = 2000;

    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    AlertPublisher(Database database) {
        this.database = database;
    }

    void publish(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>();
        for (Alert a : alerts) {
            payloads.add(payload(a));
        }
        try {
            database.withConnection("sending alerts", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(pg_notify('" + CHANNEL + "', p)) FROM unnest(?::text[]) AS p")) {
                    ps.setArray(1, c.createArrayOf("text", payloads.toArray()));
                    ps.executeQuery().close();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not send {} alert(s) on {}: {}", alerts.size(), CHANNEL, e.getMessage());
        }
    }

    String payload(Alert alert) {
        Map<String, Object> body = alert.asJson();
        body.replaceAll((k, v) -> v instanceof String s && s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : v);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.event() + " cannot be written as JSON", e);
        }
    }
}
