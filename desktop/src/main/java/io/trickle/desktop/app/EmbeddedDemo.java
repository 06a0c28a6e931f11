package io.trickle.desktop.app;

import io.trickle.desktop.services.DemoDatabase;
import io.trickle.engine.embedded.EmbeddedServer;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL behind the "Embedded demo" profile, started on the first connect (in a
 * background task) and stopped when the workbench exits, unless another Trickle process runs it.
 */
final class EmbeddedDemo implements DemoDatabase, AutoCloseable {

    private final Path home;
    private EmbeddedServer server;

    EmbeddedDemo(Path home) {
        this.home = home;
    }

    @Override
    public synchronized String start() {
        if (server == null) {
            server = EmbeddedServer.startOrAttach(home);
        }
        return server.jdbcUrl();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
