package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.FrontierRepository;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.cdc.ChangeWindows;
import io.trickle.engine.cdc.Frontier;
import io.trickle.engine.cdc.SourceWindow;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryProbe;
import io.trickle.engine.sql.QueryText;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The work of one refresh inside its transaction: check the sources, choose the action, compute and
 * apply the change, advance the frontiers, mark the table refreshed. The strategy (DESIGN §2): a
 * pending reinitialisation or changed source columns → REINITIALIZE; a table never populated → FULL;
 * no change in any window → NO_DATA; a source truncated → FULL; a table whose query is not
 * maintained differentially → FULL; for AUTO only, a window larger than
 * {@code differential_max_change_ratio} of its source → FULL, and a differential refresh that its
 * past refreshes say would cost more than a full one → FULL ({@link RefreshCostModel}); otherwise
 * DIFFERENTIAL (for AUTO within a time budget, past which it is abandoned for FULL). Every FULL says
 * why.
 */
final class RefreshWork {

    /**
     * What the refresh did, and which captures may be pruned afterwards. {@code sourceChanges} is the
     * number of changed rows in the change windows (null when they were not read), and
     * {@code abandonedDifferentialMs} the time of a differential attempt given up for a full refresh.
     */
    record Outcome(RefreshAction action, long inserted, long deleted, String reason, List<CaptureInfo> captures,
                   Long sourceChanges, Double abandonedDifferentialMs) {
    }

    private final Connection tx;
    private final StreamTableRow row;
    private final RefreshRequest request;
    private final SettingsSnapshot settings;
    private final PlanCache plans;
    private final CaptureInstaller captures;
    private final DependencyRepository dependencies;
    private final StreamTableRepository tables;
    private final FrontierRepository frontiers = new FrontierRepository();
    private final String storage;
    private Long sourceChanges;
    private Double abandonedDifferentialMs;

    RefreshWork(Connection tx, StreamTableRow row, RefreshRequest request, SettingsSnapshot settings, PlanCache plans,
                CaptureInstaller captures, DependencyRepository dependencies, StreamTableRepository tables) {
        this.tx = tx;
        this.row = row;
        this.request = request;
        this.settings = settings;
        this.plans = plans;
        this.captures = captures;
        this.dependencies = dependencies;
        this.tables = tables;
        this.storage = RefreshExecutor.storageName(row);
    }

    Outcome run() throws SQLException {
        List<Dependency> deps = dependencies.of(tx, row.id());
        Optional<SourceChecks.Finding> finding = SourceChecks.check(tx, deps);
        if (finding.isPresent() && finding.get().gone()) {
            throw new RefreshExecutor.SourceGoneException(finding.get().describe());
        }
        if (row.needsReinit() || finding.isPresent()) {
            return reinitialize(row.needsReinit() && row.reinitReason() != null ? row.reinitReason() : finding.get().describe());
        }
        try {
            return choose(deps);
        } catch (LayoutChanged e) {
            return reinitialize("the storage layout this engine derives for the query differs from the table's");
        }
    }

    private Outcome reinitialize(String reason) throws SQLException {
        StorageSpec spec = rederive();
        StorageApplier.Applied applied = StorageApplier.apply(tx, storage, spec, StorageApplier.fullChange(storage, spec));
        return finish(RefreshAction.REINITIALIZE, applied, reason, capturesOf(dependencies.of(tx, row.id())));
    }

    /** The cached or freshly derived spec no longer matches the storage table (an engine upgrade, say). */
    private static final class LayoutChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Outcome choose(List<Dependency> deps) throws SQLException {
        List<CaptureInfo> captured = capturesOf(deps);
        if (!row.populated()) {
            return full(specFor(), "first population of a table created without data", captured);
        }
        // Decide NO_DATA before anything else: it needs only the frontiers and the buffers.
        Map<Long, String> frontier = frontiers.of(tx, row.id());
        Map<Long, SourceWindow> windows = new LinkedHashMap<>();
        for (CaptureInfo capture : captured) {
            String snapshot = frontier.get(capture.sourceOid());
            if (snapshot == null) {
                return full(specFor(), "no frontier for source " + capture.sourceName(), captured);
            }
            windows.put(capture.sourceOid(), ChangeWindows.inspect(tx, capture, new Frontier(capture.sourceOid(), snapshot)));
        }
        sourceChanges = windows.values().stream().mapToLong(SourceWindow::changes).sum();
        List<String> uncaptured = deps.stream().filter(d -> !Dependencies.changesSeen(d.sourceType()))
                .map(Dependency::displayName).toList();
        if (request.forceFull()) {
            return full(specFor(), "requested with --full", captured);
        }
        if (!uncaptured.isEmpty()) {
            return full(specFor(), "reads " + String.join(", ", uncaptured) + ", whose changes cannot be captured", captured);
        }
        if (windows.values().stream().allMatch(SourceWindow::isEmpty)) {
            return finish(RefreshAction.NO_DATA, new StorageApplier.Applied(0, 0), null, captured);
        }
        StorageSpec spec = specFor();
        for (SourceWindow w : windows.values()) {
            if (w.truncated()) {
                return full(spec, "source " + w.capture().sourceName() + " was truncated", captured);
            }
        }
        if (spec.plan() == null) {
            return full(spec, row.fallbackReason() != null ? row.fallbackReason() : "refresh mode FULL", captured);
        }
        RefreshCostModel model = null;
        if (RefreshMode.valueOf(row.refreshMode()) == RefreshMode.AUTO) {
            Optional<String> tooMany = changeRatioExceeded(windows);
            if (tooMany.isPresent()) {
                return full(spec, tooMany.get(), captured);
            }
            if (settings.get(Settings.AUTO_COST_MODEL)) {
                model = RefreshCostModel.read(tx, row.id());
                Optional<String> cheaper = model.preferFull(sourceChanges);
                if (cheaper.isPresent()) {
                    return full(spec, cheaper.get(), captured);
                }
            }
        }
        return model == null ? differential(spec, windows, captured) : budgeted(spec, windows, captured, model);
    }

    /**
     * A differential refresh that may run no longer than the model's budget: past it, it is rolled
     * back to a savepoint and the table is refreshed in full, recording how long the attempt ran.
     */
    private Outcome budgeted(StorageSpec spec, Map<Long, SourceWindow> windows, List<CaptureInfo> captured,
                             RefreshCostModel model) throws SQLException {
        Optional<Long> budget = model.budgetMs();
        if (budget.isEmpty()) {
            return differential(spec, windows, captured);
        }
        long configured = settings.get(Settings.STATEMENT_TIMEOUT_MS);
        long limit = configured > 0 ? Math.min(configured, budget.get()) : budget.get();
        Savepoint savepoint = tx.setSavepoint("__pgt_differential");
        long started = System.nanoTime();
        statementTimeout(limit);
        try {
            Outcome outcome = differential(spec, windows, captured);
            statementTimeout(configured);
            tx.releaseSavepoint(savepoint);
            return outcome;
        } catch (SQLException e) {
            double elapsed = (System.nanoTime() - started) / 1e6;
            // Only the budget's own timeout is absorbed; a cancel from outside (a stopping scheduler) is not.
            if (!"57014".equals(e.getSQLState()) || limit < budget.get() || elapsed < 0.9 * budget.get()) {
                throw e;
            }
            tx.rollback(savepoint);
            abandonedDifferentialMs = elapsed;
            return full(spec, model.abandonedReason(budget.get()), captured);
        }
    }

    private void statementTimeout(long ms) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
            ps.setString(1, ms + "ms");
            ps.executeQuery().close();
        }
    }

    private Outcome full(StorageSpec spec, String reason, List<CaptureInfo> captured) throws SQLException {
        StorageApplier.Applied applied;
        if (!row.populated() && isEmpty()) {
            applied = new StorageApplier.Applied(StorageApplier.populate(tx, storage, spec), 0);
        } else {
            applied = StorageApplier.apply(tx, storage, spec, StorageApplier.fullChange(storage, spec));
        }
        return finish(RefreshAction.FULL, applied, reason, captured);
    }

    private Outcome differential(StorageSpec spec, Map<Long, SourceWindow> windows, List<CaptureInfo> captured)
            throws SQLException {
        Map<Long, String> relations = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<Relation, Set<String>> e : spec.plan().sourceColumns().entrySet()) {
            SourceWindow w = windows.get(e.getKey().oid());
            String temp = "__pgt_window_" + (++n);
            ChangeWindows.materialize(tx, w, e.getKey(), e.getValue(), temp);
            relations.put(e.getKey().oid(), "pg_temp." + temp);
        }
        String change = spec.plan().deltaSql(new SourceWindows(relations), storage);
        // The planner's row estimates for delta queries (small windows joined to whole tables,
        // recursive CTEs) are often far too high, and JIT then spends far longer compiling than the
        // query takes to run: it is off for the rest of this transaction.
        try (Statement st = tx.createStatement()) {
            st.execute("SET LOCAL jit = off");
        }
        StorageApplier.Applied applied = StorageApplier.apply(tx, storage, spec, change);
        return finish(RefreshAction.DIFFERENTIAL, applied, null, captured);
    }

    /**
     * AUTO refreshes in full when a window holds more changed rows than
     * {@code differential_max_change_ratio} of its source's rows (0 disables the rule).
     */
    private Optional<String> changeRatioExceeded(Map<Long, SourceWindow> windows) throws SQLException {
        double ratio = settings.get(Settings.DIFFERENTIAL_MAX_CHANGE_RATIO);
        if (ratio <= 0) {
            return Optional.empty();
        }
        for (SourceWindow w : windows.values()) {
            double rows = estimatedRows(w.capture().sourceOid());
            if (rows > 0 && w.changes() > ratio * rows) {
                return Optional.of(String.format(java.util.Locale.ROOT,
                        "%d changed rows in %s exceed differential_max_change_ratio %.2f of its ~%.0f rows",
                        w.changes(), w.capture().sourceName(), ratio, rows));
            }
        }
        return Optional.empty();
    }

    private double estimatedRows(long oid) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : -1;
            }
        }
    }

    private Outcome finish(RefreshAction action, StorageApplier.Applied applied, String reason, List<CaptureInfo> captured)
            throws SQLException {
        frontiers.advanceAll(tx, row.id(), captured.stream().map(CaptureInfo::sourceOid).toList());
        tables.update(tx, row.id(), """
                last_refresh_at = clock_timestamp(),
                data_timestamp = CASE WHEN ? THEN clock_timestamp() ELSE data_timestamp END,
                is_populated = true, needs_reinit = false, reinit_reason = NULL,
                consecutive_errors = 0, last_error = NULL,
                status = CASE WHEN status IN ('INITIALIZING', 'ERROR') THEN 'ACTIVE' ELSE status END""",
                applied.changed() || !row.populated());
        return new Outcome(action, applied.inserted(), applied.deleted(), reason, captured, sourceChanges,
                abandonedDifferentialMs);
    }

    /** The storage spec of the table: from the cache, or derived again from the stored query. */
    private StorageSpec specFor() throws SQLException {
        StorageSpec cached = plans.get(row.id(), row.definingQuery(), row.effectiveMode(), row.storageOid());
        if (cached != null) {
            return cached;
        }
        QueryText text = QueryText.check(row.definingQuery());
        RelationCatalog catalog = new RelationCatalog(tx);
        ProbeResult probe = QueryProbe.probe(tx, text, catalog);
        StorageSpec spec = "DIFFERENTIAL".equals(row.effectiveMode())
                ? StorageSpec.differential(Deriver.plan(tx, catalog, row.definingQuery(), probe), row.definingQuery())
                : StorageSpec.full(probe, row.definingQuery());
        if (!StorageReconciler.matches(tx, row.storageOid(), spec)) {
            throw new LayoutChanged();
        }
        plans.put(row.id(), row.definingQuery(), row.effectiveMode(), row.storageOid(), spec);
        return spec;
    }

    /**
     * Derives the stored query again (its sources changed), adapts the storage table, and records the
     * new dependencies. A query that no longer resolves puts the table in ERROR with PostgreSQL's words.
     */
    private StorageSpec rederive() throws SQLException {
        Derivation d;
        try {
            d = Deriver.derive(tx, row.definingQuery(), RefreshMode.valueOf(row.refreshMode()));
        } catch (InvalidInputException e) {
            throw new RefreshExecutor.SourceGoneException("the query no longer resolves after a change to its sources: "
                    + e.getMessage());
        }
        StorageReconciler.reconcile(tx, row.storageOid(), storage, d.storage());
        if (d.storage().identity().keyed() != row.keyedRowIds()) {
            StorageTables.rebuildRowIdIndex(tx, row.storageOid(), storage, d.storage());
        }
        Dependencies.record(tx, row.id(), d.probe(), settings.get(Settings.CDC_TRIGGER_MODE));
        tables.update(tx, row.id(), "effective_mode = ?, fallback_reason = ?, keyed_row_ids = ?",
                d.effectiveMode(), d.fallbackReason(), d.storage().identity().keyed());
        plans.put(row.id(), row.definingQuery(), d.effectiveMode(), row.storageOid(), d.storage());
        return d.storage();
    }

    private List<CaptureInfo> capturesOf(List<Dependency> deps) throws SQLException {
        List<CaptureInfo> out = new ArrayList<>();
        for (Dependency d : deps) {
            if (Dependencies.capturable(d.sourceType())) {
                captures.find(tx, d.sourceOid()).ifPresent(out::add);
            }
        }
        return out;
    }

    private boolean isEmpty() throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM " + storage + ")");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
