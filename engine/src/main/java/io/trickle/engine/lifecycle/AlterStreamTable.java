package io.trickle.engine.lifecycle;

import io.trickle.engine.api.AlterRequest;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Schedule;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.FrontierRepository;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.CaptureFirst;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.refresh.Dependencies;
import io.trickle.engine.refresh.Derivation;
import io.trickle.engine.refresh.ImmediateCompiler;
import io.trickle.engine.refresh.Deriver;
import io.trickle.engine.refresh.Population;
import io.trickle.engine.refresh.RefreshCompiler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Changes a stream table. Schedule and status are catalog updates. A new query (or a new mode) is
 * derived again and the table repopulated in one transaction: the storage table is kept — grants,
 * user indexes, views reading it — when its columns can be adapted in place, otherwise the alter is
 * refused naming what depends on it (exit 1). Capture is installed on new sources and removed from
 * sources nobody reads any more.
 *
 * <p>Altering is the only way to build a cycle (a new table cannot be read by anyone yet): the new
 * query or mode must pass {@link CycleCheck}, and when the table ends up in a cycle, every member is
 * marked to be recomputed from scratch by the scheduler's next fixpoint run.
 */
public final class AlterStreamTable {

    private AlterStreamTable() {
    }

    public static StreamTableRow run(Database database, AlterRequest request, String engineName) {
        String status = request.status() == null ? null : request.status().name();
        StreamTableRepository tables = new StreamTableRepository();
        StreamTableRow row = database.withConnection("reading " + request.name(), c -> find(c, tables, request.name()));
        boolean wasImmediate = row.refreshMode() == RefreshMode.IMMEDIATE;
        Sessions.requireNoScheduleIfImmediate(request.mode() != null ? request.mode() : row.refreshMode(),
                request.schedule());
        if (request.query() != null || request.mode() != null) {
            String query = request.query() != null ? request.query() : row.definingQuery();
            Deriver.Origin origin = request.query() != null ? Deriver.Origin.USER : Deriver.Origin.STORED;
            RefreshMode mode = request.mode() != null ? request.mode() : row.mode();
            for (int attempt = 1; ; attempt++) {
                CheckedSources checked = database.withConnection("checking the new query of " + request.name(), c -> {
                    c.setAutoCommit(false);
                    try {
                        Derivation d = Deriver.derive(c, query, mode, origin);
                        long[] oldSources = new DependencyRepository().of(c, row.id()).stream()
                                .mapToLong(Dependency::sourceOid).toArray();
                        return CheckedSources.check(c, "alter stream table " + request.name(), d,
                                Dependencies.toLock(c, d, wasImmediate, oldSources));
                    } finally {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                });
                List<Long> installed = CaptureFirst.install(database, checked.needs(), request.name().toString());
                try {
                    database.transaction("altering stream table " + request.name(), checked.isolation(),
                            c -> rederive(c, row, query, origin, mode, checked.toLock(), request, engineName));
                    break;
                } catch (CaptureFirst.Moved moved) {
                    CaptureFirst.releaseUnused(database, installed);
                    if (attempt >= CaptureFirst.ATTEMPTS) {
                        throw new ActionFailedException("could not alter stream table " + request.name() + ": "
                                + moved.getMessage() + " " + attempt + " times; try again", moved);
                    }
                } catch (RuntimeException e) {
                    CaptureFirst.releaseUnused(database, installed);
                    throw e;
                }
            }
        }
        return database.transaction("altering stream table " + request.name(), c -> {
            List<String> sets = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            if (request.schedule() != null) {
                sets.add("schedule = ?");
                values.add(request.schedule().text());
            }
            if (status != null) {
                sets.add("status = ?");
                values.add(status);
                if (status.equals("ACTIVE")) {
                    sets.add("consecutive_errors = 0");
                }
            }
            if (!sets.isEmpty()) {
                tables.update(c, row.id(), String.join(", ", sets), values.toArray());
                CatalogGeneration.bump(c, "alter " + request.name());
            }
            return find(c, tables, request.name());
        });
    }

    private static StreamTableRow find(Connection c, StreamTableRepository tables, QualifiedName name) throws SQLException {
        return tables.byName(c, name.schema(), name.name())
                .orElseThrow(() -> new NotFoundException("stream table " + name + " does not exist"));
    }

    private static Void rederive(Connection c, StreamTableRow old, String query, Deriver.Origin origin, RefreshMode mode,
                                 List<Long> toLock, AlterRequest request, String engineName) throws SQLException {
        Sessions.lock(c, toLock);
        String[] context = Sessions.context(c);
        Sessions.allowStorageWrites(c);
        AdvisoryLocks.lockStreamTable(c, old.id());
        StreamTableRepository tables = new StreamTableRepository();
        StreamTableRow row = tables.byIdForUpdate(c, old.id())
                .orElseThrow(() -> new NotFoundException("stream table " + request.name() + " was dropped"));
        Derivation d = Deriver.derive(c, query, mode, origin);
        Dependencies.requireCaptured(c, d, "the sources of " + request.name());
        CycleCheck.require(c, row, d, mode);
        boolean wasImmediate = row.refreshMode() == RefreshMode.IMMEDIATE;
        boolean immediate = mode == RefreshMode.IMMEDIATE;
        String storage = PgQuote.qualified(row.schema(), row.name());
        Population.reshape(c, row.storageOid(), storage, d.storage(), row.keyedRowIds());
        DependencyRepository deps = new DependencyRepository();
        List<Long> before = deps.of(c, row.id()).stream().map(Dependency::sourceOid).toList();
        // The mode first: which sources keep capture depends on whether their readers read buffers.
        tables.update(c, row.id(), "defining_query = ?, original_query = ?, refresh_mode = ?, effective_mode = ?,"
                        + " fallback_reason = ?, keyed_row_ids = ?, time_zone = ?, search_path = ?, needs_reinit = false,"
                        + " reinit_reason = NULL",
                d.definingQuery(), query.strip(), mode.name(), d.effectiveMode(), d.fallbackReason(),
                d.storage().identity().keyed(), context[0], context[1]);
        if (wasImmediate) {
            ImmediateCompiler.drop(c, row.id());
        }
        String triggerMode = new SettingsRepository().load(c).get(Settings.CDC_TRIGGER_MODE);
        List<CaptureInfo> captures = Dependencies.record(c, row.id(), d, triggerMode);
        CaptureInstaller installer = new CaptureInstaller();
        for (long oid : before) {
            installer.releaseIfUnused(c, oid);
        }
        if (immediate) {
            for (Dependency dep : deps.of(c, row.id())) {
                installer.releaseIfUnused(c, dep.sourceOid());
            }
        }
        RefreshHistoryRepository history = new RefreshHistoryRepository();
        long historyId = history.start(c, row.id(), row.schema(), row.name(), InitiatedBy.MANUAL, engineName);
        RefreshCompiler.compile(c, row.id(), row.schema(), row.name(), context[0], context[1], d.storage(), immediate);
        // The sources are locked against writers: this snapshot holds every change committed before, and
        // none comes after until the triggers or capture below are in place.
        long[] changed = Population.replace(c, row.id());
        FrontierRepository frontiers = new FrontierRepository();
        if (immediate) {
            frontiers.advanceAll(c, row.id(), List.of()); // none: its writers maintain it
            ImmediateCompiler.install(c, row.id(), row.schema(), row.name(), context[0], context[1], d.storage());
        } else {
            frontiers.advanceAll(c, row.id(), captures.stream().map(CaptureInfo::sourceOid).toList());
            if (wasImmediate) {
                ImmediateCompiler.relock(c);
            }
        }
        tables.update(c, row.id(), "is_populated = true, last_refresh_at = clock_timestamp(),"
                + " data_timestamp = clock_timestamp(), consecutive_errors = 0, last_error = NULL,"
                + " status = CASE WHEN status IN ('INITIALIZING', 'ERROR') THEN 'ACTIVE' ELSE status END");
        history.finish(c, historyId, "REINITIALIZE", "COMPLETED", changed[0], changed[1],
                request.query() != null ? "query altered" : "refresh mode changed to " + mode, null, null);
        Integer scc = SccMembership.update(c).get(row.id());
        if (scc != null) {
            SccMembership.recomputeFromScratch(c, scc, "member " + row.displayName() + " of the cycle was altered");
        }
        CatalogGeneration.bump(c, "alter " + request.name());
        return null;
    }
}
