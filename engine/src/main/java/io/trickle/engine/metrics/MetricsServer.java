package io.trickle.engine.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.trickle.engine.api.Readiness;
import io.trickle.engine.api.Trickle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon's HTTP endpoint (DESIGN §7): {@code /metrics} in Prometheus text format (the client's own
 * handler), {@code /health} (200 while the process runs) and {@code /ready} (200 when the database
 * answers and its catalog is a version this engine understands, 503 with the reason otherwise). A
 * follower is ready too — it takes over when the leader stops — and the body says which it is, so
 * that a Kubernetes readiness probe keeps both engines of a pair in service.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves on {@code port} of every interface (0 picks a free one, see {@link #port()}).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static MetricsServer start(int port, EngineMetrics metrics, Trickle trickle) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", new MetricsHandler(metrics.registry()));
        server.createContext("/health", exchange -> reply(exchange, 200, "ok\n"));
        server.createContext("/ready", exchange -> {
            Readiness r = trickle.readiness();
            String role = metrics.leading() ? "leader" : "follower";
            if (r.ready()) {
                reply(exchange, 200, "ready: " + role + ", catalog " + r.catalogVersion() + "\n");
            } else {
                reply(exchange, 503, "not ready: " + r.reason() + "\n");
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "trickle-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    /** The port served on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
