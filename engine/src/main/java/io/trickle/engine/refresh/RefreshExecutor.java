package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshListener;
import io.trickle.engine.api.RefreshEvent;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.ReasonCode;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.catalog.ClusterOrigin;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.LockSquatters;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.SqlErrors;
import io.trickle.engine.db.TableLocks;
import io.trickle.engine.watermark.WatermarkGate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one refresh of one stream table. The refresh itself is compiled into the database
 * ({@link RefreshCompiler}, {@code pgtrickle.run_refresh}); what stays here is the strategy's
 * Java half and what only the engine can do:
 * <ol>
 *   <li>one round trip reads the table, the settings and (AUTO) its cost model
 *       ({@link RefreshContext});</li>
 *   <li>one round trip runs the refresh ({@link RunRefresh#once}): in a REPEATABLE READ
 *       transaction of its own, run_refresh takes the table's advisory lock (waiting up to
 *       {@code lock_timeout_ms}) and its catalog row — a refresh that committed after this
 *       transaction's snapshot makes that fail with a serialization error, and the whole refresh is
 *       tried again in a fresh snapshot — checks the sources, measures the windows, decides, applies,
 *       advances the frontiers and writes the history row, all committed together;</li>
 *   <li>when run_refresh needs the engine first (compile, reinitialise, convert a buffer), the
 *       {@link RefreshPreparation} does it, and the refresh is tried again;</li>
 *   <li>the consumed buffer rows are pruned afterwards, in a short statement of its own.</li>
 * </ol>
 * A request with a {@link RefreshPrecondition} (cycles) runs the precondition and the call in one
 * transaction instead. A failure rolls everything back and is recorded by the {@link FailureRecorder}.
 *
 * <p>AUTO's cost model also gives a differential refresh a time budget: past it, the statement is
 * cancelled, rolled back, and the table is refreshed in full, recording how long the attempt ran.
 */
public final class RefreshExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshExecutor.class);
    private static final int MAX_ATTEMPTS = 6;
    /** A buffer that lost this many rows to one prune is vacuumed by the scheduler straight away. */
    private static final long VACUUM_AFTER_ROWS = 10_000;

    private final Database database;
    private final String engineName;
    private final PlanCache plans;
    private final RefreshListener listener;
    private final RefreshHistoryRepository history = new RefreshHistoryRepository();
    private final FailureRecorder failures;
    private final RefreshPreparation preparation;
    private volatile PruneBatch batch;
    private final CatalogCompatibility catalog;
    /** Tables whose refresh this engine is cancelling because it stops: interrupted, not failed. */
    private final Set<Long> interrupting = ConcurrentHashMap.newKeySet();

    public RefreshExecutor(Database database, String engineName, PlanCache plans, RefreshListener listener) {
        this(database, engineName, plans, listener, CatalogCompatibility.THIS_ENGINE);
    }

    /** An executor that acts on the catalog versions {@code catalog} accepts (a test stands in for a newer engine). */
    public RefreshExecutor(Database database, String engineName, PlanCache plans, RefreshListener listener,
                           CatalogCompatibility catalog) {
        this.catalog = catalog;
        this.database = database;
        this.engineName = engineName;
        this.plans = plans;
        this.listener = listener;
        this.failures = new FailureRecorder(database);
        this.preparation = new RefreshPreparation(database, engineName);
    }

    /** The name this engine writes to the {@code engine} column of the history rows. */
    public String engineName() {
        return engineName;
    }

    /**
     * The refreshes of {@code ids} are about to be cancelled because this engine stops (SIGTERM past
     * the grace period): a stop is not an error, so they are recorded as interrupted and do not count
     * towards suspension (issue 18).
     */
    public void interrupting(Collection<Long> ids) {
        interrupting.addAll(ids);
    }

    Database database() {
        return database;
    }

    PlanCache plans() {
        return plans;
    }

    RefreshPreparation preparation() {
        return preparation;
    }

    /**
     * A stream table looked up by name for a refresh by hand, with what its refresh needs already
     * read: its id and its cycle's members (empty when it is in none).
     */
    public static final class Target {
        private final RefreshContext context;

        private Target(RefreshContext context) {
            this.context = context;
        }

        public long id() {
            return context.row().id();
        }

        public String displayName() {
            return context.row().displayName();
        }

        /** The members of the table's cycle by id, itself included; empty when it is in none. */
        public List<Long> cycle() {
            return context.cycle();
        }
    }

    /** Looks a stream table up by name (one round trip, which also reads what its refresh needs). */
    public Target lookup(QualifiedName name) {
        return new Target(context(name.toString(), c -> RefreshContext.read(c, name, catalog)));
    }

    public RefreshResult refresh(long pgtId, RefreshRequest request) {
        return refresh(context("stream table " + pgtId, c -> RefreshContext.read(c, pgtId, catalog)), request);
    }

    public RefreshResult refresh(Target target, RefreshRequest request) {
        return refresh(target.context, request);
    }

    private RefreshContext context(String what, io.trickle.engine.db.SqlWork<RefreshContext> read) {
        try (Connection c = database.dataSource().getConnection()) {
            return read.run(c);
        } catch (SQLException e) {
            throw catalogError(e).orElseGet(() -> SqlErrors.acting("reading " + what, e, database.target()));
        }
    }

    private RefreshResult refresh(RefreshContext context, RefreshRequest request) {
        StreamTableRow row = context.row();
        long pgtId = row.id();
        RunRefresh.Outcome outcome;
        try {
            outcome = attempts(context, request);
            if (outcome.heldBack() && request.noteWatermarks() && outcome.action() != RefreshAction.SKIP) {
                outcome = noteOverride(row, outcome);
            }
        } catch (RefreshFailure e) {
            Optional<SourceGoneException> hidden = rowSecurity(row, e);
            throw hidden.isPresent() ? inError(row, request, hidden.get()) : failed(row, request, context, e);
        } catch (SourceGoneException gone) {
            throw inError(row, request, gone);
        } catch (RuntimeException e) {
            throw failed(row, request, context, e);
        }
        interrupting.remove(pgtId);
        if (outcome.action() != RefreshAction.SKIP) {
            PruneBatch collecting = batch;
            if (collecting != null) {
                collecting.add(pgtId);
            } else {
                prune(List.of(pgtId));
            }
        }
        RefreshResult result = new RefreshResult(row.displayName(), outcome.action(), outcome.inserted(),
                outcome.deleted(), outcome.durationMs(), outcome.reason());
        // The key-value pairs are what --log-format json adds to the line as fields of their own.
        LOG.atInfo().addKeyValue("stream_table", row.displayName()).addKeyValue("action", outcome.action())
                .addKeyValue("rows_inserted", outcome.inserted()).addKeyValue("rows_deleted", outcome.deleted())
                .addKeyValue("duration_ms", outcome.durationMs())
                .log("{}: {} +{} -{} in {} ms{}", row.displayName(), outcome.action(), outcome.inserted(), outcome.deleted(),
                        Math.round(outcome.durationMs()), outcome.reason() == null ? "" : " (" + outcome.reason() + ")");
        publish(new RefreshEvent.Completed(row.displayName(), request.initiatedBy(), outcome.action(), outcome.code(),
                outcome.inserted(), outcome.deleted(), outcome.durationMs()));
        return result;
    }

    /** Records a refresh that cannot succeed until a DBA acts: the table goes to ERROR. */
    private ActionFailedException inError(StreamTableRow row, RefreshRequest request, SourceGoneException gone) {
        failures.record(row, request.initiatedBy(), engineName, gone.getMessage(), "ERROR");
        publish(new RefreshEvent.Failed(row.displayName(), request.initiatedBy(), gone.getMessage()));
        return new ActionFailedException("refresh of " + row.displayName() + " failed: " + gone.getMessage(), gone);
    }

    /** Records a refresh that failed (or was interrupted) and returns what to throw. */
    private RuntimeException failed(StreamTableRow row, RefreshRequest request, RefreshContext context, RuntimeException e) {
        long pgtId = row.id();
        if (e instanceof RefreshFailure f && f.getCause() instanceof SQLException sql && catalogError(sql).isPresent()) {
            return catalogError(sql).get();
        }
        if (interrupting.remove(pgtId) && SqlErrors.hasState(e, "57014")) {
            String message = "interrupted: engine " + engineName + " stopped during the refresh of "
                    + row.displayName() + ", which was rolled back; it runs again when an engine schedules it";
            failures.recordInterrupted(row, request.initiatedBy(), engineName, message);
            return new ActionFailedException(message, e);
        }
        if (SqlErrors.isNoSession(e)) {
            // The session went away (terminated, the server restarting): no fault of the table's.
            SQLException sql = SqlErrors.findSqlException(e);
            failures.recordInterrupted(row, request.initiatedBy(), engineName, "interrupted: the session of the refresh of "
                    + row.displayName() + " was lost (" + (sql == null ? SqlErrors.rootMessage(e) : sql.getMessage().strip())
                    + "); it was rolled back and runs again");
            return e;
        }
        String message = describe(row, e, context.settings()) + squatted(e, pgtId);
        failures.record(row, request.initiatedBy(), engineName, message, null);
        publish(new RefreshEvent.Failed(row.displayName(), request.initiatedBy(), message));
        if (e instanceof TrickleException te && !(e instanceof ActionFailedException)) {
            return te;
        }
        return new ActionFailedException(message, e);
    }

    /**
     * A refresh that failed because row-level security now hides rows of a source from the engine
     * (run_refresh turns row security off, so PostgreSQL refuses rather than filters): the table goes
     * to ERROR saying which source and what to do (issue 18).
     */
    private Optional<SourceGoneException> rowSecurity(StreamTableRow row, RefreshFailure e) {
        if (!SqlErrors.hasState(e, "42501")) {
            return Optional.empty();
        }
        try {
            return database.withConnection("checking the sources of " + row.displayName(),
                    c -> SourceChecks.check(c, new DependencyRepository().of(c, row.id())))
                    .filter(f -> f.kind() == SourceChecks.Finding.Kind.ROW_SECURITY)
                    .map(f -> new SourceGoneException(f.describe()));
        } catch (RuntimeException ignored) {
            return Optional.empty();
        }
    }

    /** Tells the listeners; what they throw never reaches the refresh ({@link io.trickle.engine.api.EngineListeners}). */
    void publish(RefreshEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("a refresh listener failed on {}: {}", event, e.toString());
        }
    }

    /**
     * A catalog that is missing or older than this engine's refresh needs, said as such (the engine
     * refuses before anything changed).
     */
    private Optional<TrickleException> catalogError(SQLException e) {
        String primary = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                ? String.valueOf(p.getServerErrorMessage().getMessage()) : "";
        if ("3F000".equals(e.getSQLState())
                || ("42P01".equals(e.getSQLState()) && primary.startsWith("relation \"pgtrickle."))) {
            return Optional.of(new TrickleException.InvalidInputException("the Trickle catalog is not installed in "
                    + database.target().describe() + "; run 'trickle install' first"));
        }
        if ("42883".equals(e.getSQLState()) && primary.startsWith("function pgtrickle.run_refresh(")) {
            return Optional.of(new TrickleException.InvalidInputException("the Trickle catalog in " + database.target().describe()
                    + " is older than this engine refreshes in (" + io.trickle.engine.catalog.CatalogCompatibility.OLDEST_MAINTAINED
                    + " or later: refreshes compiled into the catalog); upgrade it with 'trickle install'"));
        }
        return Optional.empty();
    }

    /**
     * A refresh by hand ran although watermark gating would have held it back: its reason (result and
     * history row) says which groups it overrode, as the groups stand now.
     */
    private RunRefresh.Outcome noteOverride(StreamTableRow row, RunRefresh.Outcome outcome) {
        return database.withConnection("noting the watermark groups " + row.displayName() + " overrode", c -> {
            WatermarkGate.HeldBack held = new WatermarkGate().heldBack(c, List.of(row.id())).get(row.id());
            if (held == null) {
                return outcome;
            }
            String note = "overrode watermark gating: " + held.reason();
            String reason = outcome.reason() == null ? note : outcome.reason() + "; " + note;
            LOG.warn("{}: refreshed by hand although {}", row.displayName(), held.reason());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pgtrickle.pgt_refresh_history SET reason = ? WHERE refresh_id = ?")) {
                ps.setString(1, reason);
                ps.setLong(2, outcome.refreshId());
                ps.executeUpdate();
            }
            return new RunRefresh.Outcome(outcome.refreshId(), outcome.action(), outcome.inserted(), outcome.deleted(),
                    outcome.durationMs(), reason, outcome.code(), outcome.sourceChanges(), outcome.need(), true);
        });
    }

    /**
     * Calls run_refresh until it has refreshed: again in a fresh snapshot after a concurrent refresh
     * of the same table, after the engine prepared what it needed, or in full after a differential
     * attempt ran past its budget.
     */
    private RunRefresh.Outcome attempts(RefreshContext context, RefreshRequest request) {
        StreamTableRow row = context.row();
        SettingsSnapshot settings = context.settings();
        RefreshCostModel model = context.model();
        Optional<Long> budget = model == null ? Optional.empty() : model.budgetMs();
        RunRefresh call = callFor(row, request, settings, model);
        RefreshRequest current = request;
        List<String> lockFirst = List.of();
        if (row.refreshMode() == RefreshMode.IMMEDIATE && (request.forceFull() || !row.populated())) {
            lockFirst = database.withConnection("reading the sources of " + row.displayName(),
                    c -> ImmediateCompiler.sourcesToLock(c, row.id()));
        }
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            RunRefresh.Outcome outcome;
            try {
                outcome = once(call, current, settings, budget.orElse(null), lockFirst);
            } catch (SQLException e) {
                String state = e.getSQLState();
                double elapsed = (System.nanoTime() - started) / 1e6;
                if ("57014".equals(state) && budget.isPresent() && !call.forceFull() && overBudget(settings, budget.get(), elapsed)) {
                    // Only the budget's own timeout is absorbed; a cancel from outside (a stopping scheduler) is not.
                    call = abandoned(call, model, budget.get(), elapsed);
                    budget = Optional.empty();
                    continue;
                }
                boolean retryable = "40001".equals(state) || "40P01".equals(state);
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw SqlErrors.isNoSession(e) ? SqlErrors.noSession(e, database.target()) : new RefreshFailure(e);
                }
                // A shared snapshot predates the concurrent refresh, so retrying in it would conflict again.
                current = current.withSharedSnapshot(null);
                LOG.debug("{}: refresh attempt {} met a concurrent refresh, retrying", row.displayName(), attempt);
                continue;
            }
            if (outcome.done()) {
                return outcome;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new ActionFailedException("refresh of " + row.displayName() + " still needs " + outcome.need()
                        + " after " + attempt + " attempts: " + outcome.reason());
            }
            switch (outcome.need()) {
                case SOURCE_GONE -> throw new SourceGoneException(outcome.reason());
                case HELD_BACK -> {
                    Optional<RunRefresh.Outcome> skipped = skipHeldBack(row, current);
                    if (skipped.isPresent()) {
                        return skipped.get();
                    }
                }
                case FOREIGN_CATALOG -> database.transaction("adopting a catalog restored from another cluster",
                        Connection.TRANSACTION_REPEATABLE_READ, ClusterOrigin::adopt);
                case COMPILE, CAPTURE_UPGRADE -> {
                    Optional<RunRefresh.Outcome> reinitialized = preparation.prepare(row.id(), call);
                    if (reinitialized.isPresent()) {
                        return reinitialized.get();
                    }
                }
                case REINITIALIZE -> {
                    return preparation.reinitialize(row.id(), call, outcome.reason(), outcome.code());
                }
            }
        }
    }

    /** One call: in one round trip, or with the request's precondition in a transaction of its own. */
    private RunRefresh.Outcome once(RunRefresh call, RefreshRequest request, SettingsSnapshot settings, Long budgetMs,
                                    List<String> lockFirst) throws SQLException {
        Long timeout = statementTimeout(settings, budgetMs);
        if (!lockFirst.isEmpty()) {
            // An IMMEDIATE table recomputed: its writers are kept out first, before the snapshot is taken.
            try (Connection c = database.dataSource().getConnection()) {
                return Database.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, tx -> {
                    try (Statement st = tx.createStatement()) {
                        st.execute("SET LOCAL lock_timeout = " + settings.get(Settings.LOCK_TIMEOUT_MS));
                        if (timeout != null) {
                            st.execute("SET LOCAL statement_timeout = " + timeout);
                        }
                        TableLocks.lock(tx, lockFirst, "SHARE");
                    }
                    RunRefresh.Outcome outcome = call.within(tx);
                    if (outcome.done() && outcome.action() != RefreshAction.NO_DATA) {
                        // Writers' sessions plan their maintenance with these statistics and keep the plan.
                        try (Statement st = tx.createStatement()) {
                            st.execute("ANALYZE " + storageName(new StreamTableRepository()
                                    .byId(tx, call.pgtId()).orElseThrow()));
                        }
                    }
                    return outcome;
                });
            }
        }
        if (request.precondition() == null) {
            try (Connection c = database.dataSource().getConnection()) {
                return call.once(c, request.sharedSnapshot(), timeout);
            }
        }
        try (Connection c = database.dataSource().getConnection()) {
            return Database.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, tx -> {
                if (request.sharedSnapshot() != null) {
                    io.trickle.engine.db.Snapshots.importInto(tx, request.sharedSnapshot());
                }
                setLocal(tx, "lock_timeout", settings.get(Settings.LOCK_TIMEOUT_MS) + "ms");
                if (timeout != null) {
                    setLocal(tx, "statement_timeout", timeout + "ms");
                }
                AdvisoryLocks.lockStreamTable(tx, call.pgtId());
                String heldBack = request.precondition().holdBack(tx, call.pgtId());
                if (heldBack != null) {
                    StreamTableRow row = new StreamTableRepository().byId(tx, call.pgtId())
                            .orElseThrow(() -> new TrickleException.NotFoundException("stream table with id "
                                    + call.pgtId() + " does not exist"));
                    long id = history.skipped(tx, row.id(), row.schema(), row.name(), call.initiatedBy(), heldBack,
                            engineName, call.fixpointIteration());
                    return new RunRefresh.Outcome(id, RefreshAction.SKIP, 0, 0, 0, heldBack, null, null, null, false);
                }
                return call.within(tx);
            });
        }
    }

    /** The statement timeout of a refresh: the setting, lowered to AUTO's budget; null for none. */
    private static Long statementTimeout(SettingsSnapshot settings, Long budgetMs) {
        long configured = settings.get(Settings.STATEMENT_TIMEOUT_MS);
        if (budgetMs == null) {
            return configured > 0 ? configured : null;
        }
        return configured > 0 ? Math.min(configured, budgetMs) : budgetMs;
    }

    private static boolean overBudget(SettingsSnapshot settings, long budgetMs, double elapsedMs) {
        long configured = settings.get(Settings.STATEMENT_TIMEOUT_MS);
        return (configured <= 0 || configured >= budgetMs) && elapsedMs >= 0.9 * budgetMs;
    }

    private RunRefresh callFor(StreamTableRow row, RefreshRequest request, SettingsSnapshot settings, RefreshCostModel model) {
        Long fullAbove = model == null ? null : model.fullAboveChanges().orElse(null);
        return new RunRefresh(row.id(), request.initiatedBy(), request.forceFull(), null, null, engineName,
                settings.get(Settings.LOCK_TIMEOUT_MS), settings.get(Settings.DIFFERENTIAL_MAX_CHANGE_RATIO), fullAbove,
                fullAbove == null ? null : model.thresholdBasis(), request.respectWatermarks(), request.fixpointIteration(),
                request.note(), null, null, null, true, request.noteWatermarks());
    }

    private static RunRefresh abandoned(RunRefresh call, RefreshCostModel model, long budgetMs, double elapsedMs) {
        return new RunRefresh(call.pgtId(), call.initiatedBy(), true, model.abandonedReason(budgetMs),
                ReasonCode.DIFFERENTIAL_ABANDONED, call.engine(), call.lockTimeoutMs(), call.maxChangeRatio(), null, null,
                call.respectWatermarks(), call.fixpointIteration(), call.note(), null, null, elapsedMs, true,
                call.noteWatermarks());
    }

    /**
     * run_refresh found a misaligned watermark group beneath the table: the reason, with what each
     * group waits for, is worked out here and recorded as a SKIP. Empty when the groups aligned
     * meanwhile (the refresh is then tried again).
     */
    private Optional<RunRefresh.Outcome> skipHeldBack(StreamTableRow row, RefreshRequest request) {
        return database.withConnection("recording the skipped refresh of " + row.displayName(), c -> {
            WatermarkGate.HeldBack held = new WatermarkGate().heldBack(c, List.of(row.id())).get(row.id());
            if (held == null) {
                return Optional.<RunRefresh.Outcome>empty();
            }
            long id = history.skipped(c, row.id(), row.schema(), row.name(), request.initiatedBy(), held.reason(),
                    engineName, request.fixpointIteration());
            return Optional.of(new RunRefresh.Outcome(id, RefreshAction.SKIP, 0, 0, 0, held.reason(),
                    ReasonCode.WATERMARK_MISALIGNED, null, null, true));
        });
    }

    /** Deletes the buffer rows every reader of the table's sources has consumed. */
    void prune(long pgtId) {
        prune(List.of(pgtId));
    }

    /** Deletes the buffer rows every reader of these tables' sources has consumed, in one statement. */
    void prune(Collection<Long> pgtIds) {
        prune(pgtIds, false);
    }

    /**
     * Deletes the buffer rows every reader of these tables' sources has consumed, in one statement;
     * with {@code vacuum}, a buffer that lost many rows is vacuumed right away (the scheduler does,
     * between ticks), so that the next window's scan does not wade through dead rows.
     */
    void prune(Collection<Long> pgtIds, boolean vacuum) {
        if (pgtIds.isEmpty()) {
            return;
        }
        try {
            database.withConnection("pruning change buffers", c -> {
                List<String> toVacuum = new java.util.ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT format('pgtrickle_changes.%I', ct.buffer_table),"
                        + " pgtrickle.prune_changes(ct.source) FROM pgtrickle.pgt_change_tracking ct"
                        + " WHERE ct.source IN (SELECT d.source FROM pgtrickle.pgt_dependencies d WHERE d.pgt_id = ANY (?))")) {
                    ps.setArray(1, c.createArrayOf("bigint", pgtIds.toArray()));
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getLong(2) >= VACUUM_AFTER_ROWS) {
                                toVacuum.add(rs.getString(1));
                            }
                        }
                    }
                }
                if (vacuum) {
                    for (String buffer : toVacuum) {
                        try (Statement st = c.createStatement()) {
                            st.execute("VACUUM (SKIP_LOCKED) " + buffer);
                        }
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("pruning the change buffers of stream tables {} failed: {}", pgtIds, e.getMessage());
        }
    }

    /**
     * Until the returned batch is closed, refreshes leave their buffers to be pruned together when it
     * closes: the scheduler prunes once per tick instead of once per refresh (a round trip and a
     * DELETE per source saved on every refresh). One batch at a time.
     */
    public PruneBatch pruneInBatches() {
        PruneBatch b = new PruneBatch();
        batch = b;
        return b;
    }

    /** Tables whose buffers are pruned together; closing it prunes them. */
    public final class PruneBatch implements AutoCloseable {
        private final Set<Long> tables = ConcurrentHashMap.newKeySet();

        private PruneBatch() {
        }

        void add(long pgtId) {
            tables.add(pgtId);
        }

        @Override
        public void close() {
            if (batch == this) {
                batch = null;
            }
            prune(List.copyOf(tables), true);
        }
    }

    /**
     * The creator's TimeZone and search_path, the guard's permission, and the timeouts, for this
     * transaction only: what derivation and the cycles' transactions run under.
     */
    static void applySessionSettings(Connection tx, StreamTableRow row, SettingsSnapshot settings) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT set_config('TimeZone', ?, true), set_config('search_path', ?, true),"
                + " set_config('pgtrickle.internal_refresh', 'on', true), set_config('lock_timeout', ?, true),"
                + " set_config('statement_timeout', ?, true), set_config('row_security', 'off', true)")) {
            ps.setString(1, row.timeZone());
            ps.setString(2, row.searchPath());
            ps.setString(3, settings.get(Settings.LOCK_TIMEOUT_MS) + "ms");
            ps.setString(4, settings.get(Settings.STATEMENT_TIMEOUT_MS) + "ms");
            ps.executeQuery().close();
        }
    }

    private static void setLocal(Connection tx, String name, String value) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT set_config(?, ?, true)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeQuery().close();
        }
    }

    /** Who holds the table's refresh lock when a refresh gave up waiting for it ("" when nobody is known). */
    private String squatted(RuntimeException e, long pgtId) {
        if (!SqlErrors.hasState(e, "55P03")) {
            return "";
        }
        try {
            List<LockSquatters.Squatter> holders = database.withConnection("reading who holds the refresh lock",
                    c -> LockSquatters.of(c, pgtId));
            return holders.isEmpty() ? "" : "; " + holders.get(0).describe();
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    static String describe(StreamTableRow row, RuntimeException e, SettingsSnapshot settings) {
        Throwable cause = e instanceof RefreshFailure f ? f.getCause() : e;
        if (SqlErrors.hasState(cause, "55P03")) {
            return "stream table " + row.displayName() + " is being refreshed by another session; gave up after "
                    + settings.get(Settings.LOCK_TIMEOUT_MS) + " ms (lock_timeout_ms)";
        }
        if (SqlErrors.hasState(cause, "57014")) {
            return "refresh of " + row.displayName() + " was cancelled by statement_timeout_ms ("
                    + settings.get(Settings.STATEMENT_TIMEOUT_MS) + " ms)";
        }
        if (e instanceof TrickleException) {
            return e.getMessage();
        }
        java.sql.SQLException sql = SqlErrors.findSqlException(cause);
        String detail = sql != null ? sql.getMessage() : SqlErrors.rootMessage(cause);
        return "refresh of " + row.displayName() + " failed: " + (detail == null ? cause.toString() : detail.strip());
    }

    /** A refresh that failed with a database error (unchecked, to cross the transaction template). */
    static final class RefreshFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefreshFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A source the stream table reads no longer exists: the table goes to ERROR. */
    static final class SourceGoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceGoneException(String message) {
            super(message);
        }
    }

    /** Storage table name as SQL. */
    static String storageName(StreamTableRow row) {
        return PgQuote.qualified(row.schema(), row.name());
    }
}
