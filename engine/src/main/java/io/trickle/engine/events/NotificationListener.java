package io.trickle.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trickle.engine.api.EngineEvent;
import io.trickle.engine.api.EngineEvent.Kind;
import io.trickle.engine.db.ConnectionTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the engine's NOTIFY channels (DESIGN §5) on a session of its own and hands each
 * notification, as an {@link EngineEvent}, to a consumer on its thread {@code trickle-events}.
 *
 * <p>The session is watched: when it is lost the consumer hears {@link Kind#NOT_LISTENING}, the
 * listener reconnects with a growing pause (up to {@link #MAX_PAUSE}) and says {@link Kind#LISTENING}
 * once it listens again, so a consumer knows to read again what it may have missed. NOTIFY is
 * delivered at commit, so an event never announces something the consumer cannot read yet.
 */
public final class NotificationListener implements AutoCloseable {

    /** The channels listened to, in this order. */
    public static final List<String> CHANNELS = List.of("pgtrickle_catalog", "pgtrickle_alert", "pgtrickle_watermark",
            "pgtrickle_refresh_request");
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    /** How long one wait for notifications blocks; bounds how long {@link #close()} waits for the thread. */
    private static final int POLL_MS = 250;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final ConnectionTarget target;
    private final String applicationName;
    private final Consumer<EngineEvent> consumer;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private volatile boolean listening;

    private NotificationListener(ConnectionTarget target, String applicationName, Consumer<EngineEvent> consumer) {
        this.target = target;
        this.applicationName = applicationName;
        this.consumer = consumer;
        this.thread = new Thread(this::loop, "trickle-events");
        thread.setDaemon(true);
    }

    public static NotificationListener start(ConnectionTarget target, String applicationName,
                                             Consumer<EngineEvent> consumer) {
        NotificationListener listener = new NotificationListener(target, applicationName, consumer);
        listener.thread.start();
        return listener;
    }

    public boolean isListening() {
        return listening;
    }

    private void loop() {
        Duration pause = FIRST_PAUSE;
        while (closed.getCount() > 0) {
            try (Connection c = connect()) {
                listening = true;
                pause = FIRST_PAUSE;
                deliver(new EngineEvent(Kind.LISTENING, null, null, ""));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (closed.getCount() > 0) {
                    PGNotification[] batch = pg.getNotifications(POLL_MS);
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            deliver(event(n.getName(), n.getParameter()));
                        }
                    }
                }
            } catch (SQLException e) {
                if (closed.getCount() == 0) {
                    break;
                }
                LOG.debug("listening on {} failed: {}", target.describe(), e.getMessage());
            }
            if (listening) {
                listening = false;
                deliver(new EngineEvent(Kind.NOT_LISTENING, null, null, ""));
            }
            try {
                if (closed.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        listening = false;
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(target.jdbcUrl(), props);
        try (Statement st = c.createStatement()) {
            for (String channel : CHANNELS) {
                st.execute("LISTEN " + channel);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void deliver(EngineEvent event) {
        try {
            consumer.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("an event listener failed on {}: {}", event.kind(), e.getMessage(), e);
        }
    }

    /** Reads a notification's payload; a payload that is not the engine's JSON still makes an event. */
    EngineEvent event(String channel, String payload) {
        JsonNode body;
        try {
            body = json.readTree(payload == null || payload.isEmpty() ? "{}" : payload);
        } catch (java.io.IOException e) {
            body = json.createObjectNode();
        }
        String table = text(body, "stream_table");
        return switch (channel) {
            case "pgtrickle_catalog" -> new EngineEvent(Kind.CATALOG_CHANGED, null, text(body, "reason"), payload);
            case "pgtrickle_watermark" -> new EngineEvent(Kind.WATERMARK_CHANGED, null,
                    text(body, "source") != null ? text(body, "source") : text(body, "group_name"), payload);
            case "pgtrickle_refresh_request" -> new EngineEvent(Kind.REFRESH_REQUESTED, table, null, payload);
            case "pgtrickle_alert" -> new EngineEvent(alertKind(text(body, "event")), table, text(body, "action"), payload);
            default -> new EngineEvent(Kind.OTHER, table, channel, payload);
        };
    }

    private static Kind alertKind(String event) {
        if (event == null) {
            return Kind.OTHER;
        }
        return switch (event) {
            case "refresh_completed" -> Kind.REFRESH_COMPLETED;
            case "refresh_failed" -> Kind.REFRESH_FAILED;
            case "auto_suspended" -> Kind.AUTO_SUSPENDED;
            case "resumed" -> Kind.RESUMED;
            case "stale_data" -> Kind.STALE_DATA;
            default -> Kind.OTHER;
        };
    }

    private static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Stops listening; returns once the session is closed (within about {@link #POLL_MS}). */
    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
