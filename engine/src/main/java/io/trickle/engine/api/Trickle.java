package io.trickle.engine.api;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.catalog.CatalogInstaller;
import io.trickle.engine.cdc.CaptureUpgrade;
import io.trickle.engine.catalog.Setting;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.Database;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.demo.DemoInstaller;
import io.trickle.engine.events.NotificationListener;
import io.trickle.engine.inspect.ConsoleSession;
import io.trickle.engine.inspect.RelationReader;
import io.trickle.engine.lifecycle.AlterStreamTable;
import io.trickle.engine.lifecycle.CreateStreamTable;
import io.trickle.engine.lifecycle.DropStreamTable;
import io.trickle.engine.lifecycle.GraphQuery;
import io.trickle.engine.lifecycle.ValidateQuery;
import io.trickle.engine.lifecycle.ShowStreamTable;
import io.trickle.engine.refresh.CycleRefresh;
import io.trickle.engine.refresh.PlanCache;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.refresh.RefreshListener;
import io.trickle.engine.scheduler.ScheduleStatus;
import io.trickle.engine.scheduler.SchedulerConfig;
import io.trickle.engine.scheduler.SchedulerDaemon;
import io.trickle.engine.watermark.GatedRefresh;
import io.trickle.engine.watermark.Watermarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    private Trickle(Database database, String applicationName) {
        this.database = database;
        this.applicationName = applicationName;
        this.engineName = applicationName + "@" + hostName() + ":" + ProcessHandle.current().pid();
        this.refresher = new RefreshExecutor(database, engineName, plans, RefreshListener.NONE);
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
     * the server cannot be reached, the password is wrong or the database does not exist.
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
        return new Trickle(db, options.applicationName());
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
        // Change buffers of engines before 0.7.0.5 hold JSON; the compiled refresh reads typed columns.
        CaptureUpgrade.convertAll(database);
        return new InstallResult(outcome.previousVersion().orElse(null), outcome.currentVersion(),
                outcome.migrationsApplied(), databaseName());
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
            List<StreamTableInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT pgt_schema, pgt_name, status, refresh_mode, effective_mode,
                           CASE WHEN refresh_mode = 'IMMEDIATE' THEN 'immediate' ELSE coalesce(schedule, 'calculated') END,
                           last_refresh_at,
                           CASE WHEN refresh_mode = 'IMMEDIATE' AND status = 'ACTIVE' AND NOT needs_reinit THEN 0
                                ELSE extract(epoch FROM now() - last_refresh_at)::float8 END,
                           consecutive_errors, last_error, pgt_id, scc_id, last_fixpoint_iterations
                      FROM pgtrickle.pgt_stream_tables
                     ORDER BY pgt_schema, pgt_name
                    """);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(7);
                    double staleness = rs.getDouble(8);
                    Double stalenessSeconds = rs.wasNull() ? null : staleness;
                    ScheduleStatus sched = schedules.get(rs.getLong(11));
                    out.add(new StreamTableInfo(displayName(rs.getString(1), rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), last == null ? null : last.toInstant(),
                            stalenessSeconds, rs.getInt(9), rs.getString(10),
                            sched == null ? null : sched.effectiveSchedule() + (sched.calculated() ? " (calculated)" : ""),
                            sched == null ? null : sched.nextDueAt(), (Integer) rs.getObject(12), (Integer) rs.getObject(13)));
                }
            }
            return out;
        });
    }

    /**
     * Creates a stream table: validates the query, creates the storage table, installs capture and
     * (unless {@code initialize} is false) populates it.
     *
     * @throws TrickleException.InvalidInputException for a bad name, query, mode or schedule; nothing is left behind
     */
    public CreateResult create(String name, String query, String schedule, String mode, boolean initialize) {
        QualifiedName qn = QualifiedName.parse(name);
        Schedule sched = Schedule.parse(schedule);
        RefreshMode rm = mode == null ? RefreshMode.AUTO : RefreshMode.parse(mode);
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("a stream table needs a query (--query)");
        }
        requireMaintainable(rm);
        CreateStreamTable.Result r = CreateStreamTable.run(database,
                new CreateStreamTable.Request(qn, query, sched, rm, initialize), engineName);
        plans.put(r.pgtId(), r.derivation().definingQuery(), r.derivation().effectiveMode(), r.storageOid(),
                r.derivation().storage());
        return new CreateResult(qn.toString(), rm.name(), r.derivation().effectiveMode(), r.derivation().fallbackReason(),
                r.rowsInserted(), initialize, r.derivation().warnings());
    }

    /** Changes a stream table; null arguments stay as they are. */
    public StreamTableInfo alter(String name, String query, String schedule, String mode, String status) {
        QualifiedName qn = QualifiedName.parse(name);
        RefreshMode rm = mode == null ? null : RefreshMode.parse(mode);
        if (rm == RefreshMode.IMMEDIATE) {
            requireMaintainable(rm);
        } else {
            requireCatalogInstalled();
        }
        AlterStreamTable.run(database, new AlterStreamTable.Request(qn, query,
                schedule == null ? null : Schedule.parse(schedule), rm, status), engineName);
        return list().stream().filter(t -> t.name().equals(qn.toString())).findFirst().orElseThrow();
    }

    /** Drops a stream table (and, with {@code cascade}, the stream tables that read it); returns what was dropped. */
    public List<String> drop(String name, boolean cascade) {
        QualifiedName qn = QualifiedName.parse(name);
        requireCatalogInstalled();
        List<String> dropped = DropStreamTable.run(database, qn, cascade);
        return dropped;
    }

    /**
     * Refreshes a stream table now and waits for the outcome. A member of a cycle is refreshed with
     * its whole cycle, to a fixpoint ({@code full} recomputes the cycle from empty tables); the
     * result is what the table's refreshes in that run added up to.
     *
     * @throws ActionFailedException when the refresh fails, or the cycle does not converge
     */
    public RefreshResult refresh(String name, boolean full) {
        return refresh(name, full, false);
    }

    /**
     * Refreshes now; with {@code respectWatermarks}, a misaligned watermark group over the table's
     * sources skips the refresh (action SKIP) as the scheduler would. Without it the refresh runs and
     * its reason says which group it overrode. A member of a cycle is refreshed with its whole cycle,
     * to a fixpoint, as {@link #refresh(String, boolean)} says; with {@code respectWatermarks}, a
     * misaligned group over any member skips the cycle.
     */
    public RefreshResult refresh(String name, boolean full, boolean respectWatermarks) {
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
        CycleRefresh.Outcome o = new CycleRefresh(refresher).run(cycle, "MANUAL", full, () -> false);
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
            List<SccStatus> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT scc_id, members, last_iterations, last_converged_at FROM pgtrickle.pgt_scc_status()");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp converged = rs.getTimestamp(4);
                    out.add(new SccStatus(rs.getInt(1), List.of((String[]) rs.getArray(2).getArray()),
                            (Integer) rs.getObject(3), converged == null ? null : converged.toInstant()));
                }
            }
            return out;
        });
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
        SchedulerDaemon daemon = new SchedulerDaemon(database, refresher, config);
        daemon.start();
        SchedulerHandle handle = new SchedulerHandle(daemon);
        schedulers.add(handle);
        return handle;
    }

    /**
     * Installs the demo that {@code trickle demo} and the workbench share (DESIGN §4): the sample shop's
     * schemas, tables and data, and stream tables over them and over each other on several schedules.
     * Idempotent: it makes only what is missing. The catalog must be installed.
     *
     * @return what it created, in order ({@code "table shop.orders"}, {@code "stream table shop.order_totals"});
     *         empty when the demo was complete
     */
    public List<String> installDemo() {
        requireCatalogInstalled();
        return DemoInstaller.install(this, database);
    }

    /**
     * Resets the demo to how a first install leaves it (DESIGN §4, {@code trickle demo --reset}): drops
     * its schemas ({@code shop}, {@code reporting}, {@code etl}) with everything in them, every stream
     * table stored there or reading from there, and its watermark group, then installs it anew. The
     * catalog must be installed.
     *
     * @return what it dropped, then what it created
     */
    public List<String> resetDemo() {
        requireCatalogInstalled();
        return DemoInstaller.reset(this, database);
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

    /** What create would do with a query (mode, reason, tree, delta SQL), without creating anything. */
    public ValidationResult validate(String query, String mode) {
        RefreshMode rm = mode == null ? RefreshMode.AUTO : RefreshMode.parse(mode);
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
