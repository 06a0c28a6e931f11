package io.trickle.desktop.services;

import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import io.trickle.engine.api.Cancellation;
import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.EngineEvent;
import io.trickle.engine.api.EventSubscription;
import io.trickle.engine.api.PreviewRequest;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.SqlConsole;
import io.trickle.engine.api.StatementResult;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.ValidationResult;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import java.time.Duration;
import java.time.Instant;
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
    /**
     * Connections the workbench's engine may hold: the bundled scheduler keeps two of its own and runs
     * up to {@link #SCHEDULED_REFRESHES} refreshes, and a manual refresh waiting for a lock keeps one
     * (and its failure record another) while the views go on reading the catalog and the history.
     */
    static final int POOL_SIZE = 8;
    /** Refreshes the bundled scheduler runs at once, whatever max_concurrent_refreshes says. */
    static final int SCHEDULED_REFRESHES = 2;

    private final DemoDatabase demo;
    private final DemoContent content;

    public TrickleEngineService(DemoDatabase demo, DemoContent content) {
        this.demo = demo;
        this.content = content;
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
            String url = url(request, context);
            Trickle trickle = connect(url, request.profile(), context);
            return new Session(request.profile(), trickle, url, content);
        });
    }

    private Trickle connect(ConnectionRequest request, TaskContext context) {
        return connect(url(request, context), request.profile(), context);
    }

    private String url(ConnectionRequest request, TaskContext context) {
        ConnectionProfile profile = request.profile();
        if (profile.isEmbeddedDemo()) {
            context.progress(-1, "Starting the embedded PostgreSQL");
            return demo.start();
        }
        return withCredentials(profile.jdbcUrl(), profile.user(), request.password());
    }

    private static Trickle connect(String url, ConnectionProfile profile, TaskContext context) {
        context.progress(-1, "Connecting to " + profile.name());
        return Trickle.open(EngineOptions.forUrl(url).withApplicationName(APPLICATION_NAME).withMaxConnections(POOL_SIZE));
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
        private final String jdbcUrl;
        private final DemoContent content;

        Session(ConnectionProfile profile, Trickle trickle, String jdbcUrl, DemoContent content) {
            this.profile = profile;
            this.trickle = trickle;
            this.jdbcUrl = jdbcUrl;
            this.content = content;
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
        public BackgroundTask<DependencyGraph> dependencyGraph() {
            return BackgroundTask.of("Read dependencies of " + databaseName, context -> trickle.dependencyGraph());
        }

        @Override
        public BackgroundTask<CatalogSnapshot> readCatalog(int historyRows) {
            return BackgroundTask.of("Read stream tables of " + databaseName, context -> {
                context.progress(0.1, "Listing stream tables");
                List<StreamTableInfo> tables = trickle.list();
                context.progress(0.4, "Reading the dependency graph");
                DependencyGraph graph = trickle.dependencyGraph();
                context.progress(0.6, "Reading the watermark groups");
                List<WatermarkGroup> groups = List.of();
                List<WatermarkGroupStatus> statuses = List.of();
                List<WatermarkInfo> marks = List.of();
                String watermarksProblem = "";
                try {
                    groups = trickle.watermarkGroups();
                    statuses = trickle.watermarkStatus();
                    marks = trickle.watermarks();
                } catch (TrickleException.ActionFailedException olderCatalog) {
                    // A catalog older than watermarks: the tables are still worth showing, without groups.
                    watermarksProblem = olderCatalog.getMessage();
                }
                context.progress(0.8, "Reading the refresh history");
                List<HistoryEntry> history = trickle.history(null, historyRows);
                return new CatalogSnapshot(tables, graph, Instant.now(), groups, statuses, marks, history,
                        watermarksProblem);
            });
        }

        @Override
        public BackgroundTask<StreamTableDetails> show(String name) {
            return BackgroundTask.of("Describe " + name, context -> trickle.show(name));
        }

        @Override
        public BackgroundTask<ValidationResult> validate(String query, String mode) {
            return BackgroundTask.of("Validate query (" + mode + ")", context -> {
                context.progress(-1, "Deriving the operator tree");
                return trickle.validate(query, mode == null ? RefreshMode.AUTO : RefreshMode.parse(mode));
            });
        }

        @Override
        public BackgroundTask<CreateResult> create(StreamTableDraft draft) {
            return BackgroundTask.of("Create " + draft.name(), context -> {
                context.progress(-1, draft.initialize() ? "Creating and populating" : "Creating");
                return trickle.create(CreateRequest.of(draft.name(), draft.query()).schedule(draft.schedule())
                        .mode(draft.mode() == null ? RefreshMode.AUTO : RefreshMode.parse(draft.mode()))
                        .populated(draft.initialize()));
            });
        }

        @Override
        public BackgroundTask<StreamTableInfo> alter(String name, StreamTableChange change) {
            return BackgroundTask.of("Alter " + name, context -> {
                context.progress(-1, change.rebuildsContents() ? "Re-deriving and repopulating" : "Altering");
                AlterRequest request = AlterRequest.of(name).query(change.query());
                request = change.schedule() == null ? request : request.schedule(change.schedule());
                request = change.mode() == null ? request : request.mode(RefreshMode.parse(change.mode()));
                return trickle.alter(change.status() == null ? request
                        : request.status(AlterRequest.Status.parse(change.status())));
            });
        }

        @Override
        public BackgroundTask<List<String>> drop(String name, boolean cascade) {
            return BackgroundTask.of("Drop " + name, context -> trickle.drop(name, cascade));
        }

        @Override
        public BackgroundTask<RefreshResult> refresh(String name, boolean full) {
            return BackgroundTask.of((full ? "Full refresh of " : "Refresh ") + name, context -> {
                context.progress(-1, "Refreshing " + name);
                return trickle.refresh(name, full ? RefreshOptions.FULL : RefreshOptions.DEFAULT);
            });
        }

        @Override
        public BackgroundTask<List<HistoryEntry>> history(String name, int limit) {
            return BackgroundTask.of("Read refresh history" + (name == null ? "" : " of " + name),
                    context -> trickle.history(name, limit));
        }

        @Override
        public BackgroundTask<List<String>> installDemo() {
            return BackgroundTask.of("Install the demo into " + databaseName, context -> {
                if (!profile.isEmbeddedDemo()) {
                    throw new IllegalStateException("the demo belongs to the embedded demo, not to " + profile.name());
                }
                context.progress(-1, "Creating the sample shop and its stream tables");
                return content.install(trickle, jdbcUrl);
            });
        }

        @Override
        public BackgroundTask<WatermarkGroup> createWatermarkGroup(String name, List<String> sources, Duration tolerance) {
            return BackgroundTask.of("Create watermark group " + name,
                    context -> trickle.createWatermarkGroup(name, sources, tolerance));
        }

        @Override
        public BackgroundTask<WatermarkGroup> replaceWatermarkGroup(WatermarkGroup old, List<String> sources,
                                                                    Duration tolerance) {
            return BackgroundTask.of("Change watermark group " + old.name(), context -> {
                trickle.dropWatermarkGroup(old.name());
                try {
                    return trickle.createWatermarkGroup(old.name(), sources, tolerance);
                } catch (RuntimeException refused) {
                    trickle.createWatermarkGroup(old.name(), old.sources(), old.tolerance());
                    throw refused;
                }
            });
        }

        @Override
        public BackgroundTask<Void> dropWatermarkGroup(String name) {
            return BackgroundTask.<Void>of("Drop watermark group " + name, context -> {
                trickle.dropWatermarkGroup(name);
                return null;
            });
        }

        @Override
        public BackgroundTask<Void> advanceWatermark(String source, Instant watermark) {
            return BackgroundTask.<Void>of("Advance the watermark of " + source, context -> {
                trickle.advanceWatermark(source, watermark);
                return null;
            });
        }

        @Override
        public BackgroundTask<List<String>> resetDemo() {
            return BackgroundTask.of("Reset the demo in " + databaseName, context -> {
                if (!profile.isEmbeddedDemo()) {
                    throw new IllegalStateException("only the embedded demo is reset, not " + profile.name());
                }
                context.progress(-1, "Dropping the demo and installing it again");
                return content.reset(trickle, jdbcUrl);
            });
        }

        @Override
        public BackgroundTask<RelationPreview> preview(PreviewRequest request) {
            Cancellation cancel = Cancellation.create();
            return BackgroundTask.of("Read the first rows of " + request.relation(), context -> {
                context.progress(-1, "Reading " + request.relation());
                return trickle.preview(request, cancel);
            }).onAbort(cancel::cancel);
        }

        @Override
        public BackgroundTask<RelationStats> relationStats(String relation) {
            Cancellation cancel = Cancellation.create();
            return BackgroundTask.of("Count the rows of " + relation, context -> trickle.relationStats(relation, cancel))
                    .onAbort(cancel::cancel);
        }

        @Override
        public BackgroundTask<List<RelationOutline>> relationOutlines() {
            return BackgroundTask.of("Read the relations of " + databaseName, context -> trickle.relationOutlines());
        }

        @Override
        public BackgroundTask<ConsoleSession> openConsole() {
            return BackgroundTask.of("Open a SQL console on " + databaseName,
                    context -> new Console(trickle.openConsole(true), databaseName));
        }

        @Override
        public BackgroundTask<EventFeed> listen(java.util.function.Consumer<EngineEvent> events) {
            return BackgroundTask.of("Listen to the engine's events of " + databaseName, context -> {
                EventSubscription subscription = trickle.listen(events);
                return new EventFeed() {
                    @Override
                    public boolean isListening() {
                        return subscription.isListening();
                    }

                    @Override
                    public void close() {
                        subscription.close();
                    }
                };
            });
        }

        @Override
        public BackgroundTask<BundledScheduler> startScheduler() {
            return BackgroundTask.of("Start the bundled engine for " + databaseName, context -> {
                context.progress(-1, "Starting the scheduler");
                SchedulerHandle handle = trickle.runScheduler(new SchedulerOptions(null, SCHEDULED_REFRESHES));
                return new Scheduler(handle, databaseName);
            });
        }

        @Override
        public BackgroundTask<Void> close() {
            return BackgroundTask.<Void>of("Disconnect from " + databaseName, context -> {
                trickle.close();
                return null;
            }).silent();
        }
    }

    /** The console's session; its statements run one at a time, and cancelling the task cancels the one running. */
    private record Console(SqlConsole console, String databaseName) implements ConsoleSession {
        @Override
        public BackgroundTask<List<StatementResult>> run(String script, int maxRows) {
            return BackgroundTask.of("Run SQL on " + databaseName, context -> {
                context.progress(-1, "Running");
                return console.run(script, maxRows);
            }).onAbort(console::cancel);
        }

        @Override
        public boolean isReadOnly() {
            return console.isReadOnly();
        }

        @Override
        public void setReadOnly(boolean readOnly) {
            console.setReadOnly(readOnly);
        }

        @Override
        public BackgroundTask<Void> close() {
            return BackgroundTask.<Void>of("Close the SQL console on " + databaseName, context -> {
                console.close();
                return null;
            }).silent();
        }
    }

    /** A scheduler this workbench started; stopping it leaves the session open. */
    private record Scheduler(SchedulerHandle handle, String databaseName) implements BundledScheduler {
        @Override
        public SchedulerRole role() {
            return handle.role();
        }

        @Override
        public BackgroundTask<Void> stop() {
            return BackgroundTask.<Void>of("Stop the bundled engine for " + databaseName, context -> {
                context.progress(-1, "Letting refreshes under way finish");
                handle.stop();
                return null;
            });
        }
    }
}
