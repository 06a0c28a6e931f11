package io.trickle.engine.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database and how many sessions the engine may hold. The JDBC URL may carry user
 * and password ({@code jdbc:postgresql://host:5432/db?user=u&password=p}).
 *
 * @param jdbcUrl         a {@code jdbc:postgresql:} URL
 * @param maxConnections  pool size; one-shot commands need two, the daemon more
 * @param applicationName what {@code pg_stat_activity.application_name} shows for the engine's sessions
 * @param connectTimeout  how long to wait for the server before giving up
 * @param listeners       who hears the engine's refreshes and its scheduler's events
 */
public record EngineOptions(String jdbcUrl, int maxConnections, String applicationName, Duration connectTimeout,
                            EngineListeners listeners) {

    public EngineOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(listeners, "listeners");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public static EngineOptions forUrl(String jdbcUrl) {
        return new EngineOptions(jdbcUrl, 2, "trickle", Duration.ofSeconds(10), EngineListeners.none());
    }

    public EngineOptions withMaxConnections(int n) {
        return new EngineOptions(jdbcUrl, n, applicationName, connectTimeout, listeners);
    }

    public EngineOptions withApplicationName(String name) {
        return new EngineOptions(jdbcUrl, maxConnections, name, connectTimeout, listeners);
    }

    /** The same options, with these listeners instead ({@link EngineListeners#onRefresh}, {@link EngineListeners#onScheduler}). */
    public EngineOptions withListeners(EngineListeners l) {
        return new EngineOptions(jdbcUrl, maxConnections, applicationName, connectTimeout, l);
    }
}
