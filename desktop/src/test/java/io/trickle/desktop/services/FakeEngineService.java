package io.trickle.desktop.services;

import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.EngineEvent;
import io.trickle.engine.api.PreviewRequest;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.StatementResult;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.ValidationResult;
import io.trickle.engine.api.WatermarkGroup;
import java.time.Duration;
import java.time.Instant;
import io.trickle.engine.api.TrickleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An engine that keeps one pretend database in memory: which password it accepts and which catalog
 * version it has. It fakes the desktop's engine service, never JDBC; the FX tests use the real one.
 */
public final class FakeEngineService implements EngineService {

    public static final String DATABASE = "db.example:5432/app";
    public static final String LATEST = "0.6.0";

    private final String acceptedPassword;
    private Optional<String> installed = Optional.empty();
    private final List<ConnectionRequest> requests = new ArrayList<>();
    private final FakeCatalog catalog = new FakeCatalog();
    private int sampleInstalls;
    private int openSessions;
    private int installs;
    private final List<FakeScheduler> schedulers = new ArrayList<>();
    private String schedulerRefusal;
    private SchedulerRole startingRole = SchedulerRole.LEADER;
    private int demoResets;
    private final List<PreviewRequest> previews = new ArrayList<>();
    private final List<java.util.function.Consumer<EngineEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> consoleRuns = new ArrayList<>();

    /** Sends an event to every listening session, as the engine's NOTIFY would. */
    public void emit(EngineEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    public int listeningSessions() {
        return listeners.size();
    }

    public int demoResets() {
        return demoResets;
    }

    public List<PreviewRequest> previews() {
        return previews;
    }

    /** Every script the console ran, with its mode: "read-only: SELECT 1". */
    public List<String> consoleRuns() {
        return consoleRuns;
    }

    /** A console that refuses what the engine refuses in read-only mode and answers one row for anything else. */
    private final class FakeConsole implements ConsoleSession {
        private boolean readOnly = true;

        @Override
        public BackgroundTask<List<StatementResult>> run(String script, int maxRows) {
            return BackgroundTask.of("Run SQL", context -> {
                consoleRuns.add((readOnly ? "read-only: " : "read-write: ") + script);
                if (readOnly && !script.trim().toLowerCase(java.util.Locale.ROOT).startsWith("select")) {
                    throw new TrickleException.InvalidInputException("the console is read-only");
                }
                if (script.contains("fail")) {
                    return List.of(new StatementResult(script, List.of(), List.of(), false, -1,
                            "ERROR: syntax error at or near \"fail\"\n  Position: 8", 0.5));
                }
                return List.of(new StatementResult(script, List.of(new io.trickle.engine.api.ColumnInfo("answer", "integer")),
                        List.of(List.of("42")), false, -1, null, 1.0));
            });
        }

        @Override
        public boolean isReadOnly() {
            return readOnly;
        }

        @Override
        public void setReadOnly(boolean now) {
            readOnly = now;
        }

        @Override
        public BackgroundTask<Void> close() {
            return BackgroundTask.<Void>of("Close console", context -> null);
        }
    }

    public FakeEngineService(String acceptedPassword) {
        this.acceptedPassword = acceptedPassword;
    }

    public FakeEngineService withoutCatalog() {
        installed = Optional.empty();
        return this;
    }

    public FakeEngineService withCatalog(String version) {
        installed = Optional.of(version);
        return this;
    }

    @Override
    public BackgroundTask<ConnectionCheck> testConnection(ConnectionRequest request) {
        return BackgroundTask.of("Test connection", context -> {
            authenticate(request);
            return new ConnectionCheck(DATABASE, new CatalogStatus(installed, LATEST));
        });
    }

    @Override
    public BackgroundTask<EngineSession> open(ConnectionRequest request) {
        return BackgroundTask.of("Connect", context -> {
            authenticate(request);
            openSessions++;
            return new Session(request.profile());
        });
    }

    private void authenticate(ConnectionRequest request) {
        requests.add(request);
        if (request.profile().isEmbeddedDemo()) {
            return;
        }
        String given = request.password() == null ? "" : new String(request.password());
        if (!given.equals(acceptedPassword)) {
            throw new TrickleException.NoSessionException("password authentication failed for user \""
                    + request.profile().user() + "\"", null);
        }
    }

    /** Schedulers started later begin in this role (another engine may lead already). */
    public FakeEngineService schedulersStartAs(SchedulerRole role) {
        startingRole = role;
        return this;
    }

    /** Starting a scheduler fails with this message (a standby, say). */
    public FakeEngineService refuseScheduler(String message) {
        schedulerRefusal = message;
        return this;
    }

    /** Every scheduler started, in order; stopped ones stay listed. */
    public List<FakeScheduler> schedulers() {
        return schedulers;
    }

    /** Schedulers started and not stopped. */
    public long runningSchedulers() {
        return schedulers.stream().filter(s -> s.role() != SchedulerRole.STOPPED).count();
    }

    /** A scheduler that only pretends: its role is what the test sets. */
    public static final class FakeScheduler implements BundledScheduler {
        private volatile SchedulerRole role;

        FakeScheduler(SchedulerRole role) {
            this.role = role;
        }

        public void become(SchedulerRole now) {
            role = now;
        }

        @Override
        public SchedulerRole role() {
            return role;
        }

        @Override
        public BackgroundTask<Void> stop() {
            return BackgroundTask.of("Stop scheduler", context -> {
                role = SchedulerRole.STOPPED;
                return null;
            });
        }
    }

    /** The pretend database's stream tables. */
    public FakeCatalog catalog() {
        return catalog;
    }

    public int sampleInstalls() {
        return sampleInstalls;
    }

    public List<ConnectionRequest> requests() {
        return requests;
    }

    public int openSessions() {
        return openSessions;
    }

    public int installs() {
        return installs;
    }

    public Optional<String> installed() {
        return installed;
    }

    private final class Session implements EngineSession {
        private final ConnectionProfile profile;

        Session(ConnectionProfile profile) {
            this.profile = profile;
        }

        @Override
        public ConnectionProfile profile() {
            return profile;
        }

        @Override
        public String databaseName() {
            return DATABASE;
        }

        @Override
        public BackgroundTask<CatalogStatus> catalogStatus() {
            return BackgroundTask.of("Catalog status", context -> new CatalogStatus(installed, LATEST));
        }

        @Override
        public BackgroundTask<InstallResult> installCatalog() {
            return BackgroundTask.of("Install", context -> {
                installs++;
                String before = installed.orElse(null);
                installed = Optional.of(LATEST);
                return new InstallResult(before, LATEST, before == null ? 1 : 0, DATABASE);
            });
        }

        @Override
        public BackgroundTask<List<StreamTableInfo>> listStreamTables() {
            return BackgroundTask.of("List", context -> catalog.list());
        }

        @Override
        public BackgroundTask<DependencyGraph> dependencyGraph() {
            return BackgroundTask.of("Graph", context -> catalog.graph());
        }

        @Override
        public BackgroundTask<CatalogSnapshot> readCatalog(int historyRows) {
            return BackgroundTask.of("Read catalog", context -> catalog.snapshot(historyRows));
        }

        @Override
        public BackgroundTask<StreamTableDetails> show(String name) {
            return BackgroundTask.of("Show " + name, context -> catalog.show(name));
        }

        @Override
        public BackgroundTask<ValidationResult> validate(String query, String mode) {
            return BackgroundTask.of("Validate", context -> catalog.validate(query, mode));
        }

        @Override
        public BackgroundTask<CreateResult> create(StreamTableDraft draft) {
            return BackgroundTask.of("Create " + draft.name(), context -> catalog.create(draft));
        }

        @Override
        public BackgroundTask<StreamTableInfo> alter(String name, StreamTableChange change) {
            return BackgroundTask.of("Alter " + name, context -> catalog.alter(name, change));
        }

        @Override
        public BackgroundTask<List<String>> drop(String name, boolean cascade) {
            return BackgroundTask.of("Drop " + name, context -> catalog.drop(name, cascade));
        }

        @Override
        public BackgroundTask<RefreshResult> refresh(String name, boolean full) {
            return BackgroundTask.of("Refresh " + name, context -> catalog.refresh(name, full));
        }

        @Override
        public BackgroundTask<List<HistoryEntry>> history(String name, int limit) {
            return BackgroundTask.of("History", context -> catalog.history(name, limit));
        }

        @Override
        public BackgroundTask<List<String>> installDemo() {
            return BackgroundTask.of("Demo", context -> {
                sampleInstalls++;
                catalog.table("shop.order_totals", "30s", "shop.orders", "shop.order_items");
                return List.of("table shop.orders", "stream table shop.order_totals");
            });
        }

        @Override
        public BackgroundTask<List<String>> resetDemo() {
            return BackgroundTask.of("Reset demo", context -> {
                demoResets++;
                return List.of("dropped stream table shop.order_totals", "stream table shop.order_totals");
            });
        }

        @Override
        public BackgroundTask<RelationPreview> preview(PreviewRequest request) {
            return BackgroundTask.of("Preview " + request.relation(), context -> {
                previews.add(request);
                return catalog.preview(request);
            });
        }

        @Override
        public BackgroundTask<RelationStats> relationStats(String relation) {
            return BackgroundTask.of("Stats " + relation, context -> catalog.stats(relation));
        }

        @Override
        public BackgroundTask<List<RelationOutline>> relationOutlines() {
            return BackgroundTask.of("Outlines", context -> catalog.outlines());
        }

        @Override
        public BackgroundTask<ConsoleSession> openConsole() {
            return BackgroundTask.of("Open console", context -> new FakeConsole());
        }

        @Override
        public BackgroundTask<EventFeed> listen(java.util.function.Consumer<EngineEvent> events) {
            return BackgroundTask.of("Listen", context -> {
                listeners.add(events);
                return new EventFeed() {
                    @Override
                    public boolean isListening() {
                        return listeners.contains(events);
                    }

                    @Override
                    public void close() {
                        listeners.remove(events);
                    }
                };
            });
        }

        @Override
        public BackgroundTask<WatermarkGroup> createWatermarkGroup(String name, List<String> sources, Duration tolerance) {
            return BackgroundTask.of("Create group " + name, context -> catalog.createWatermarkGroup(name, sources, tolerance));
        }

        @Override
        public BackgroundTask<WatermarkGroup> replaceWatermarkGroup(WatermarkGroup old, List<String> sources,
                                                                    Duration tolerance) {
            return BackgroundTask.of("Change group " + old.name(), context -> {
                catalog.dropWatermarkGroup(old.name());
                try {
                    return catalog.createWatermarkGroup(old.name(), sources, tolerance);
                } catch (RuntimeException refused) {
                    catalog.createWatermarkGroup(old.name(), old.sources(), old.tolerance());
                    throw refused;
                }
            });
        }

        @Override
        public BackgroundTask<Void> dropWatermarkGroup(String name) {
            return BackgroundTask.<Void>of("Drop group " + name, context -> {
                catalog.dropWatermarkGroup(name);
                return null;
            });
        }

        @Override
        public BackgroundTask<Void> advanceWatermark(String source, Instant watermark) {
            return BackgroundTask.<Void>of("Advance " + source, context -> {
                catalog.advanceWatermark(source, watermark);
                return null;
            });
        }

        @Override
        public BackgroundTask<BundledScheduler> startScheduler() {
            return BackgroundTask.of("Start scheduler", context -> {
                if (schedulerRefusal != null) {
                    throw new TrickleException.ActionFailedException(schedulerRefusal);
                }
                FakeScheduler started = new FakeScheduler(startingRole);
                schedulers.add(started);
                return started;
            });
        }

        @Override
        public BackgroundTask<Void> close() {
            return BackgroundTask.<Void>of("Close", context -> {
                schedulers.forEach(s -> s.become(SchedulerRole.STOPPED));
                openSessions--;
                return null;
            });
        }
    }
}
