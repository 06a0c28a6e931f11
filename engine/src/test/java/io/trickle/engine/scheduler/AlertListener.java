package io.trickle.engine.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A DBA's session LISTENing on {@code pgtrickle_alert}; collects the alerts as JSON. */
public final class AlertListener implements AutoCloseable {

    private final Connection connection;
    private final List<JsonNode> received = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    public AlertListener(String jdbcUrl) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl);
        try (Statement st = connection.createStatement()) {
            st.execute("LISTEN pgtrickle_alert");
        }
    }

    /** Every alert received so far (polls the session briefly). */
    public synchronized List<JsonNode> alerts() {
        try {
            PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(10);
            if (got != null) {
                for (PGNotification n : got) {
                    received.add(json.readTree(n.getParameter()));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(received);
    }

    public boolean has(String event, String streamTable) {
        return alerts().stream().anyMatch(a -> a.get("event").asText().equals(event)
                && a.get("stream_table").asText().equals(streamTable));
    }

    public JsonNode first(String event, String streamTable) {
        return alerts().stream().filter(a -> a.get("event").asText().equals(event)
                && a.get("stream_table").asText().equals(streamTable)).findFirst().orElseThrow();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
