package io.trickle.desktop.services;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@link EngineService} over the engine's {@link Trickle} facade. Passwords travel in the JDBC URL the
 * engine receives (the facade takes nothing else), built here for one connect and never stored.
 */
public final class TrickleEngineService implements EngineService {

    /** What {@code pg_stat_activity.application_name} shows for the workbench's sessions. */
    static final String APPLICATION_NAME = "trickle-workbench";

    private final DemoDatabase demo;

    public TrickleEngineService(DemoDatabase demo) {
        this.demo = demo;
    }

    @Override
    public BackgroundTask<ConnectionCheck> testConnection(ConnectionRequest request) {
        return BackgroundTask.of("Test connection " + request.profile().name(), context -> {
            context.progress(-1, "Connecting");
            try (Trickle trickle = connect(request, context)) {
                context.progress(0.5, "Reading the catalog version");
                return new ConnectionCheck(trickle.databaseName(),
                        new CatalogStatus(trickle.catalogVersion(), trickle.latestCatalogVersion()));
            }
        });
    }

    @Override
    public BackgroundTask<EngineSession> open(ConnectionRequest request) {
        return BackgroundTask.of("Connect to " + request.profile().name(), context -> {
            Trickle trickle = connect(request, context);
            return new Session(request.profile(), trickle);
        });
    }

    private Trickle connect(ConnectionRequest request, TaskContext context) {
        ConnectionProfile profile = request.profile();
        String url;
        if (profile.isEmbeddedDemo()) {
            context.progress(-1, "Starting the embedded PostgreSQL");
            url = demo.start();
        } else {
            url = withCredentials(profile.jdbcUrl(), profile.user(), request.password());
        }
        context.progress(-1, "Connecting to " + profile.name());
        return Trickle.open(EngineOptions.forUrl(url).withApplicationName(APPLICATION_NAME));
    }

    /** Adds user and password as URL parameters, unless the URL names the user itself. */
    static String withCredentials(String url, String user, char[] password) {
        StringBuilder out = new StringBuilder(url);
        String lower = url.toLowerCase(Locale.ROOT);
        boolean hasUser = lower.contains("?user=") || lower.contains("&user=");
        if (user != null && !user.isBlank() && !hasUser) {
            out.append(out.indexOf("?") < 0 ? '?' : '&').append("user=").append(encode(user));
        }
        if (password != null && password.length > 0) {
            out.append(out.indexOf("?") < 0 ? '?' : '&').append("password=").append(encode(new String(password)));
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A connected database; closing it closes the engine's pool. */
    private static final class Session implements EngineSession {
        private final ConnectionProfile profile;
        private final Trickle trickle;
        private final String databaseName;

        Session(ConnectionProfile profile, Trickle trickle) {
            this.profile = profile;
            this.trickle = trickle;
            this.databaseName = trickle.databaseName();
        }

        @Override
        public ConnectionProfile profile() {
            return profile;
        }

        @Override
        public String databaseName() {
            return databaseName;
        }

        @Override
        public BackgroundTask<CatalogStatus> catalogStatus() {
            return BackgroundTask.of("Read catalog version of " + databaseName,
                    context -> new CatalogStatus(trickle.catalogVersion(), trickle.latestCatalogVersion()));
        }

        @Override
        public BackgroundTask<InstallResult> installCatalog() {
            return BackgroundTask.of("Install catalog into " + databaseName, context -> {
                context.progress(-1, "Running catalog migrations");
                return trickle.install();
            });
        }

        @Override
        public BackgroundTask<List<StreamTableInfo>> listStreamTables() {
            return BackgroundTask.of("List stream tables of " + databaseName, context -> trickle.list());
        }

        @Override
        public BackgroundTask<Void> close() {
            return BackgroundTask.<Void>of("Disconnect from " + databaseName, context -> {
                trickle.close();
                return null;
            }).silent();
        }
    }
}
