package io.trickle.engine.api;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.catalog.CatalogInstaller;
import io.trickle.engine.catalog.LockSquatters;
import io.trickle.engine.cdc.CaptureUpgrade;
import io.trickle.engine.catalog.Setting;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.Database;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.catalog.CycleRepository;
import io.trickle.engine.catalog.HealthRepository;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.events.NotificationListener;
import io.trickle.engine.inspect.ConsoleSession;
import io.trickle.engine.inspect.RelationReader;
import io.trickle.engine.lifecycle.AlterStreamTable;
import io.trickle.engine.lifecycle.CreateStreamTable;
import io.trickle.engine.lifecycle.DropStreamTable;
import io.trickle.engine.lifecycle.GraphQuery;
import io.trickle.engine.lifecycle.PinStoredQueries;
import io.trickle.engine.lifecycle.ValidateQuery;
import io.trickle.engine.lifecycle.ShowStreamTable;
import io.trickle.engine.refresh.CycleRefresh;
import io.trickle.engine.refresh.PlanCache;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.scheduler.ScheduleStatus;
import io.trickle.engine.scheduler.SchedulerConfig;
import io.trickle.engine.scheduler.SchedulerDaemon;
import io.trickle.engine.watermark.GatedRefresh;
import io.trickle.engine.watermark.Watermarks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's facade: everything the command line, the desktop and embedding applications do with
 * stream tables goes through here. One instance holds one connection pool; close it when done.
 */
public final class Trickle implements AutoCloseable {

    private final Database database;
    private final SettingsRepository settingsRepository = new SettingsRepository();
    private final StreamTableRepository tables = new StreamTableRepository();
    private final PlanCache plans = new PlanCache();
    private final String engineName;
    private final String applicationName;
    private final RefreshExecutor refresher;
    private final GatedRefresh manualRefresh;
    private final Watermarks watermarks;
    private final List<SchedulerHandle> schedulers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EngineListeners listeners;

    private Trickle(Database database, String applicationName, EngineListeners listeners) {
        this.database = database;
        this.applicationName = applicationName;
        this.listeners = listeners;
        this.engineName = applicationName + "@" + hostName() + ":" + ProcessHandle.current().pid();
        this.refresher = new RefreshExecutor(database, engineName, plans, listeners.refresh());
        this.manualRefresh = new GatedRefresh(database, refresher);
        this.watermarks = new Watermarks(database);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * Connects to the database. Fails at once with {@link TrickleException.NoSessionException} when
     * the server cannot be reached, the password is wrong or the database does not exist. The
     * options' {@link EngineOptions#listeners() listeners} hear every refresh this engine runs and
     * every scheduler it starts.
     */
    public static Trickle open(EngineOptions options) {
        ConnectionTarget target;
        try {
            target = ConnectionTarget.parse(options.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        Database db = Database.open(target, new Database.PoolOptions(options.maxConnections(),
                options.applicationName(), options.connectTimeout()));
        return new Trickle(db, options.applicationName(), options.listeners());
    }

    /** {@code host:port/database} of the connected database. */
    public String databaseName() {
        return database.target().describe();
    }

    // ---------------------------------------------------------------------------------------------
    // Catalog
    // ---------------------------------------------------------------------------------------------

    /** Installs the catalog, or upgrades an older one in place. Idempotent. */
    public InstallResult install() {
        CatalogInstaller.InstallOutcome outcome = new CatalogInstaller(database).install();
        List<String> warnings = PinStoredQueries.run(database);
        // Change buffers of engines before 0.7.0.5 hold JSON; the compiled refresh reads typed columns.
        CaptureUpgrade.convertAll(database);
        // Capture functions of catalogs 0.7.0.5 to 0.7.0.7 lack the row-level-security check (issue 18).
        CaptureUpgrade.rewriteFunctions(database);
        return new InstallResult(outcome.previousVersion().orElse(null), outcome.currentVersion(),
                outcome.migrationsApplied(), databaseName(), warnings);
    }

    /** Removes everything the engine installed. Storage tables stay as plain tables. */
    public UninstallResult uninstall() {
        CatalogInstaller.UninstallOutcome outcome = new CatalogInstaller(database).uninstall();
        return new UninstallResult(outcome.wasInstalled(), outcome.storageTablesKept(), outcome.sourcesReleased());
    }

    /** The installed catalog version, or empty when the catalog is not installed. */
    public Optional<String> catalogVersion() {
        return new CatalogInstaller(database).installedVersion();
    }

    /** The catalog version this engine's migrations define. */
    public String latestCatalogVersion() {
        return new CatalogInstaller(database).latestVersion();
    }

    // ---------------------------------------------------------------------------------------------
    // Settings
    // ---------------------------------------------------------------------------------------------

    public List<SettingValue> settings() {
        SettingsSnapshot snapshot = database.withConnection("reading settings", c -> {
            requireCatalog(c);
            return settingsRepository.load(c);
        });
        List<SettingValue> out = new ArrayList<>();
        for (Setting<?> s : Settings.all()) {
            out.add(valueOf(s, snapshot));
        }
        return out;
    }

    /** Validates and stores a setting; running engines apply it within one tick. */
    public SettingValue setSetting(String key, String value) {
        Setting<?> setting = settingFor(key);
        Object parsed;
        try {
            parsed = setting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        return database.transaction("changing setting " + key, c -> {
            requireCatalog(c);
            store(c, setting, parsed);
            return valueOf(setting, settingsRepository.load(c));
        });
    }

    /** Removes a stored setting so that its default applies again. */
    public SettingValue resetSetting(String key) {
        Setting<?> setting = settingFor(key);
        return database.transaction("resetting setting " + key, c -> {
            requireCatalog(c);
            settingsRepository.reset(c, setting);
            return valueOf(setting, settingsRepository.load(c));
        });
    }

    @SuppressWarnings("unchecked")
    private <T> void store(Connection c, Setting<T> setting, Object value) throws SQLException {
        settingsRepository.store(c, setting, (T) value);
    }

    private static Setting<?> settingFor(String key) {
        return Settings.byKey(key).orElseThrow(() -> new InvalidInputException("unknown setting '" + key
                + "'; known settings: " + String.join(", ", Settings.all().stream().map(Setting::key).toList())));
    }

    private static SettingValue valueOf(Setting<?> s, SettingsSnapshot snapshot) {
        return new SettingValue(s.key(), s.format(snapshot.get(s)), s.format(s.defaultValue()), !snapshot.isStored(s),
                s.allowed(), s.description());
    }

    // ---------------------------------------------------------------------------------------------
    // Stream tables
    // ---------------------------------------------------------------------------------------------

    public List<StreamTableInfo> list() {
        return database.transaction("listing stream tables", Connection.TRANSACTION_REPEATABLE_READ, c -> {
            requireCatalog(c);
            Map<Long, ScheduleStatus> schedules = ScheduleStatus.read(c);
            Map<Long, String> squatted = new java.util.HashMap<>();
            for (LockSquatters.Squatter s : LockSquatters.find(c)) {
                squatted.putIfAbsent(s.pgtId(), s.describe());
            }
            List<StreamTableInfo> out = new ArrayList<>();
            for (StreamTableRepository.Listed listed : tables.listing(c)) {
                StreamTableRow row = listed.row();
                ScheduleStatus sched = schedules.get(row.id());
                out.add(new StreamTableInfo(row.displayName(), row.status(), row.refreshMode(), row.effectiveMode(),
                        row.refreshMode() == RefreshMode.IMMEDIATE ? "immediate"
                                : row.schedule() == null ? "calculated" : row.schedule(), row.lastRefreshAt(),
                        listed.stalenessSeconds(), row.consecutiveErrors(), row.lastError(),
                        sched == null ? null : sched.effectiveSchedule() + (sched.calculated() ? " (calculated)" : ""),
                        sched == null ? null : sched.nextDueAt(), row.sccId(), row.lastFixpointIterations(),
                        squatted.get(row.id())));
            }
            return out;
        });
    }

    /**
     * Creates a stream table: validates the query, creates the storage table, installs capture and
     * (unless the request says otherwise) populates it.
     *
     * @throws TrickleException.InvalidInputException for a bad query, mode or schedule; nothing is left behind
     */
    public CreateResult create(CreateRequest request) {
        requireMaintainable(request.mode());
        CreateStreamTable.Result r = CreateStreamTable.run(database, request, engineName);
        plans.put(r.pgtId(), r.derivation().definingQuery(), r.derivation().effectiveMode(), r.storageOid(),
                r.derivation().storage());
        return new CreateResult(request.name().toString(), request.mode(), r.derivation().effectiveMode(),
                r.derivation().fallbackReason(), r.rowsInserted(), request.initialize(), r.derivation().warnings());
    }

    /**
     * {@link #create(CreateRequest)} from text, as the command line reads it (null schedule: calculated,
     * null mode: AUTO).
     *
     * @deprecated a run of strings and a boolean: use {@link #create(CreateRequest)}. Kept while the
     *             branches of this round still call it; every call in this tree is gone.
     */
    @Deprecated(forRemoval = true)
    public CreateResult create(String name, String query, String schedule, String mode, boolean initialize) {
        return create(CreateRequest.of(name, query).schedule(schedule)
                .mode(mode == null ? RefreshMode.AUTO : RefreshMode.parse(mode)).populated(initialize));
    }

    /** Changes a stream table; what the request leaves null stays as it is. */
    public StreamTableInfo alter(AlterRequest request) {
        if (request.mode() == RefreshMode.IMMEDIATE) {
            requireMaintainable(request.mode());
        } else {
            requireCatalogInstalled();
        }
        AlterStreamTable.run(database, request, engineName);
        String name = request.name().toString();
        return list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * {@link #alter(AlterRequest)} from text; null arguments stay as they are.
     *
     * @deprecated a run of strings: use {@link #alter(AlterRequest)}. Kept while the branches of this
     *             round still call it; every call in this tree is gone.
     */
    @Deprecated(forRemoval = true)
    public StreamTableInfo alter(String name, String query, String schedule, String mode, String status) {
        AlterRequest request = AlterRequest.of(name).query(query);
        request = schedule == null ? request : request.schedule(schedule);
        request = mode == null ? request : request.mode(RefreshMode.parse(mode));
        return alter(status == null ? request : request.status(AlterRequest.Status.parse(status)));
    }

    /** Drops a stream table (and, with {@code cascade}, the stream tables that read it); returns what was dropped. */
    public List<String> drop(String name, boolean cascade) {
        QualifiedName qn = QualifiedName.parse(name);
        requireCatalogInstalled();
        List<String> dropped = DropStreamTable.run(database, qn, cascade);
        return dropped;
    }

    /**
     * Refreshes a stream table now, differentially where it can, and waits for the outcome (see
     * {@link #refresh(String, RefreshOptions)}).
     */
    public RefreshResult refresh(String name) {
        return refresh(name, RefreshOptions.DEFAULT);
    }

    /**
     * @deprecated a boolean that says nothing at the call: use {@link #refresh(String)} or
     *             {@link #refresh(String, RefreshOptions)} with {@link RefreshOptions#FULL}. Kept while the
     *             branches of this round still call it.
     */
    @Deprecated(forRemoval = true)
    public RefreshResult refresh(String name, boolean full) {
        return refresh(name, full ? RefreshOptions.FULL : RefreshOptions.DEFAULT);
    }

    /**
     * Refreshes a stream table now and waits for the outcome. A member of a cycle is refreshed with
     * its whole cycle, to a fixpoint ({@code full} recomputes the cycle from empty tables); the
     * result is what the table's refreshes in that run added up to. With
     * {@link RefreshOptions#respectWatermarks()}, a misaligned watermark group over the table's
     * sources (over any member's, for a cycle) skips the refresh (action SKIP) as the scheduler
     * would; without it the refresh runs and its reason says which group it overrode.
     *
     * @throws ActionFailedException when the refresh fails, or the cycle does not converge
     */
    public RefreshResult refresh(String name, RefreshOptions options) {
        boolean full = options.full();
        boolean respectWatermarks = options.respectWatermarks();
        RefreshExecutor.Target target = refresher.lookup(QualifiedName.parse(name));
        long id = target.id();
        List<Long> cycle = target.cycle();
        if (cycle.isEmpty()) {
            return manualRefresh.refresh(target, full, respectWatermarks);
        }
        Optional<String> overrode = Optional.empty();
        if (respectWatermarks) {
            Optional<RefreshResult> skipped = manualRefresh.skipCycle(id, cycle);
            if (skipped.isPresent()) {
                return skipped.get();
            }
        } else {
            overrode = manualRefresh.cycleOverride(cycle);
        }
        CycleRefresh.Outcome o = new CycleRefresh(refresher).run(cycle, InitiatedBy.MANUAL, full, () -> false);
        switch (o.status()) {
            case FAILED -> throw o.failure();
            case NOT_CONVERGED -> throw new ActionFailedException(o.message());
            default -> {
                RefreshResult r = o.results().get(id);
                return overrode.map(note -> new RefreshResult(r.name(), r.action(), r.rowsInserted(), r.rowsDeleted(),
                        r.durationMs(), r.reason() == null ? note : r.reason() + "; " + note)).orElse(r);
            }
        }
    }

    // --- Watermarks (issue 5, DESIGN §5) --------------------------------------------------------

    /**
     * {@code advance_watermark}: monotonic; an older value is refused naming both values, the same
     * value again changes nothing. {@code source} is read as {@code [schema.]name}.
     *
     * @throws InvalidInputException for an unknown source, a view, a null or older watermark
     */
    public void advanceWatermark(String source, Instant watermark) {
        requireCatalogInstalled();
        watermarks.advance(source, watermark);
    }

    /**
     * {@code create_watermark_group}: at least two existing sources, tolerance ≥ 0, a new name.
     *
     * @throws InvalidInputException naming what is wrong; nothing is created
     */
    public WatermarkGroup createWatermarkGroup(String name, List<String> sources, Duration tolerance) {
        requireCatalogInstalled();
        return watermarks.createGroup(name, sources, tolerance);
    }

    /**
     * {@code drop_watermark_group}.
     *
     * @throws TrickleException.NotFoundException when there is no such group
     */
    public void dropWatermarkGroup(String name) {
        requireCatalogInstalled();
        watermarks.dropGroup(name);
    }

    /** Every source's watermark ({@code watermarks()}). */
    public List<WatermarkInfo> watermarks() {
        requireCatalogInstalled();
        return watermarks.list();
    }

    /** The groups ({@code watermark_groups()}). */
    public List<WatermarkGroup> watermarkGroups() {
        requireCatalogInstalled();
        return watermarks.groups();
    }

    /** Each group's alignment ({@code watermark_status()}), by the rule the scheduler gates on. */
    public List<WatermarkGroupStatus> watermarkStatus() {
        requireCatalogInstalled();
        return watermarks.status();
    }

    // --- Cycles (issue 6) -----------------------------------------------------------------------

    /** The strongly connected components of stream tables ({@code pgt_scc_status()}), by id. */
    public List<SccStatus> sccStatus() {
        return database.withConnection("reading the cycles", c -> {
            requireCatalog(c);
            return new CycleRepository().status(c);
        });
    }

    // --- Health (issue 16) ----------------------------------------------------------------------

    /** The problems {@code pgtrickle.health()} reports, worst first; empty when all is well. */
    public List<HealthProblem> health() {
        return database.withConnection("reading the health of the catalog", c -> {
            requireCatalog(c);
            return new HealthRepository().problems(c);
        });
    }

    /** Every stream table's staleness against its schedule and its slowest upstream ({@code pgtrickle.stream_table_lag}). */
    public List<StreamTableLag> lag() {
        return database.withConnection("reading the lag of the stream tables", c -> {
            requireCatalog(c);
            return new HealthRepository().lag(c);
        });
    }

    /** Every captured source's change buffer: pending changes, size, and their age ({@code pgtrickle.change_buffers()}). */
    public List<ChangeBufferStatus> changeBuffers() {
        return database.withConnection("reading the change buffers", c -> {
            requireCatalog(c);
            return new HealthRepository().changeBuffers(c);
        });
    }

    /**
     * Whether this engine can work against its database now: it answers, and its catalog is
     * installed in a version this engine understands. Never throws: what is wrong is the reason.
     */
    public Readiness readiness() {
        try {
            return database.withConnection("checking readiness", c -> {
                Optional<String> version = CatalogInstaller.installedVersion(c);
                if (version.isEmpty()) {
                    return new Readiness(false, null, "the Trickle catalog is not installed in " + databaseName());
                }
                Optional<String> refusal = CatalogCompatibility.THIS_ENGINE.refusal(version.get(), databaseName());
                return new Readiness(refusal.isEmpty(), version.get(), refusal.orElse(null));
            });
        } catch (RuntimeException e) {
            return new Readiness(false, null, "cannot reach " + databaseName() + ": " + e.getMessage());
        }
    }

    /**
     * Starts the scheduler daemon in this process (DESIGN §2): it leads when no other engine schedules
     * this database, and follows — ready to take over — when one does. The pool this engine was opened
     * with bounds how many refreshes run at once (two sessions stay free for the scheduler itself).
     *
     * @throws ActionFailedException against a standby, or when the catalog is missing or predates the scheduler
     */
    public SchedulerHandle runScheduler(SchedulerOptions options) {
        SchedulerConfig config = SchedulerConfig.defaults(applicationName + " scheduler")
                .withInterval(options.interval()).withMaxConcurrent(options.maxConcurrent());
        SchedulerDaemon daemon = new SchedulerDaemon(database, refresher, config, listeners.scheduler());
        daemon.start();
        SchedulerHandle handle = new SchedulerHandle(daemon);
        schedulers.add(handle);
        return handle;
    }

    // --- What a DBA looks at besides stream tables (issue 20) -------------------------------------

    /**
     * The first rows of a stream table (its engine columns left out) or of any other relation, read in
     * a READ ONLY transaction.
     *
     * @throws TrickleException.NotFoundException for a relation that does not exist
     * @throws ActionFailedException              when the role may not read it, or {@code cancel} fired
     */
    public RelationPreview preview(PreviewRequest request, Cancellation cancel) {
        return database.withConnection("reading " + request.relation(), c -> RelationReader.preview(c, request, cancel));
    }

    /** Owner, rows, sizes, indexes and grants of a relation (a stream table's storage table for a stream table). */
    public RelationStats relationStats(String relation, Cancellation cancel) {
        return database.withConnection("reading the size of " + relation, c -> RelationReader.stats(c, relation, cancel));
    }

    /** Every relation the role can see, with its columns, outside the system's and the engine's schemas. */
    public List<RelationOutline> relationOutlines() {
        return database.withConnection("reading the relations", RelationReader::outlines);
    }

    /**
     * Opens a SQL console: a session of its own, read-only unless {@code readOnly} is false (see
     * {@link SqlConsole}). Close it when done.
     */
    public SqlConsole openConsole(boolean readOnly) {
        return new SqlConsole(ConsoleSession.open(database.target(), applicationName + " console", readOnly));
    }

    /**
     * Listens to the engine's NOTIFY channels (DESIGN §5) on a session of its own, handing each event
     * to {@code consumer} on the thread {@code trickle-events}; reconnects when the session is lost.
     */
    public EventSubscription listen(java.util.function.Consumer<EngineEvent> consumer) {
        return new EventSubscription(NotificationListener.start(database.target(), applicationName + " events",
                consumer));
    }

    /** The definition, operator tree and delta SQL of a stream table. */
    public StreamTableDetails show(String name) {
        long id = idOf(name);
        return database.withConnection("describing " + name, c -> ShowStreamTable.describe(c, id));
    }

    /** Refresh history, newest first; {@code name} null for every stream table. */
    public List<HistoryEntry> history(String name, int limit) {
        Long id = name == null ? null : idOf(name);
        return database.withConnection("reading the refresh history", c -> {
            requireCatalog(c);
            List<HistoryEntry> out = new ArrayList<>();
            for (RefreshHistoryRepository.Entry e : new RefreshHistoryRepository().recent(c, id, Math.max(1, limit))) {
                out.add(new HistoryEntry(e.refreshId(), displayName(e.schema(), e.name()), e.action(), e.status(),
                        e.initiatedBy(), e.rowsInserted(), e.rowsDeleted(), e.startTime(), e.endTime(), e.durationMs(),
                        e.reason(), e.errorMessage(), e.fixpointIteration(), e.quietChecks(), e.lastCheckedAt()));
            }
            return out;
        });
    }

    /** What create would do with a query in mode {@code rm} (reason, tree, delta SQL), without creating anything. */
    public ValidationResult validate(String query, RefreshMode rm) {
        return database.withConnection("validating the query", c -> {
            requireCatalog(c);
            return ValidateQuery.run(c, query, rm);
        });
    }

    /** Stream tables and the relations they read. */
    public DependencyGraph dependencyGraph() {
        return database.withConnection("reading the dependency graph", c -> {
            requireCatalog(c);
            return GraphQuery.read(c);
        });
    }

    private long idOf(String name) {
        QualifiedName qn = QualifiedName.parse(name);
        return database.withConnection("looking up " + qn, c -> {
            requireCatalog(c);
            return tables.byName(c, qn.schema(), qn.name())
                    .orElseThrow(() -> new TrickleException.NotFoundException("stream table " + qn + " does not exist"))
                    .id();
        });
    }

    /** The catalog is installed and new enough to create, alter and refresh stream tables in. */
    private void requireMaintainable(RefreshMode mode) {
        database.withConnection("checking the catalog", c -> {
            requireCatalog(c);
            CatalogCompatibility.requireMaintainable(c, databaseName());
            if (mode == RefreshMode.IMMEDIATE) {
                CatalogCompatibility.requireImmediate(c, databaseName());
            }
            return null;
        });
    }

    private void requireCatalogInstalled() {
        database.withConnection("checking the catalog", c -> {
            requireCatalog(c);
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /** Names print as a DBA would type them: quoted only where PostgreSQL needs quotes. */
    static String displayName(String schema, String name) {
        return QualifiedName.of(schema, name).toString();
    }

    /** The catalog is installed, and of a version this engine may act on ({@link CatalogCompatibility}). */
    private void requireCatalog(Connection c) throws SQLException {
        if (CatalogInstaller.installedVersion(c).isEmpty()) {
            throw new ActionFailedException("the Trickle catalog is not installed in " + databaseName()
                    + "; run 'trickle install' first");
        }
        CatalogCompatibility.THIS_ENGINE.require(c, databaseName());
    }

    static String quote(String identifier) {
        return PgQuote.ident(identifier);
    }

    /** Stops any scheduler started here, then closes the pool. */
    @Override
    public void close() {
        schedulers.forEach(SchedulerHandle::stop);
        database.close();
    }
}
