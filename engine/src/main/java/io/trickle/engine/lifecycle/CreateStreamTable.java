package io.trickle.engine.lifecycle;

import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.FrontierRepository;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.refresh.Dependencies;
import io.trickle.engine.refresh.Derivation;
import io.trickle.engine.refresh.ImmediateCompiler;
import io.trickle.engine.refresh.Deriver;
import io.trickle.engine.refresh.Population;
import io.trickle.engine.refresh.RefreshCompiler;
import io.trickle.engine.refresh.StorageTables;
import io.trickle.engine.cdc.CaptureFirst;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Creates a stream table in three steps. First the query is derived in a transaction that is rolled
 * back: everything that can be wrong with the request — the query, the name, the rights the engine's
 * role needs ({@link SourceRights}) — is found there, before anything exists. Then capture is
 * installed or widened on the sources that need it, in a transaction of its own ({@link CaptureFirst}).
 * Then, in one transaction, the storage table and catalog rows are created and the table is
 * populated from that transaction's snapshot, which becomes its first frontier. An IMMEDIATE table's
 * sources (and those beneath its IMMEDIATE sources) are first locked against writers with the
 * TRIGGER privilege only ({@link Sessions#lock}), so that no write falls between the population and
 * its triggers; that transaction is READ COMMITTED (the lock is taken by DDL, which takes a snapshot
 * before it waits), the others REPEATABLE READ. A failure leaves nothing behind: capture installed
 * for it is released again.
 */
public final class CreateStreamTable {

    /** What to create. */

    /** What was created. */
    public record Result(long pgtId, long storageOid, Derivation derivation, long rowsInserted) {
    }

    private CreateStreamTable() {
    }

    public static Result run(Database database, CreateRequest request, String engineName) {
        Sessions.requireNoScheduleIfImmediate(request.mode(), request.schedule());
        for (int attempt = 1; ; attempt++) {
            CheckedSources checked = database.withConnection("checking the query of " + request.name(), c -> {
                c.setAutoCommit(false);
                try {
                    Sessions.requireSchema(c, request.name().schema());
                    SourceRights.requirePlace(c, request.name());
                    Sessions.requireFreeName(c, request.name());
                    Derivation d = Deriver.derive(c, request.query(), request.mode());
                    return CheckedSources.check(c, "create stream table " + request.name(), d,
                            Dependencies.toLock(c, d, false));
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            });
            List<Long> installed = CaptureFirst.install(database, checked.needs(), request.name().toString());
            try {
                return database.transaction("creating stream table " + request.name(), checked.isolation(),
                        c -> create(c, request, checked.toLock(), engineName));
            } catch (CaptureFirst.Moved moved) {
                CaptureFirst.releaseUnused(database, installed);
                if (attempt >= CaptureFirst.ATTEMPTS) {
                    throw new ActionFailedException("could not create stream table " + request.name() + ": "
                            + moved.getMessage() + " " + attempt + " times; try again", moved);
                }
            } catch (RuntimeException e) {
                CaptureFirst.releaseUnused(database, installed);
                throw e;
            }
        }
    }

    private static Result create(Connection c, CreateRequest request, List<Long> toLock, String engineName) throws SQLException {
        Sessions.lock(c, toLock);
        Sessions.requireFreeName(c, request.name());
        String[] context = Sessions.context(c);
        Sessions.allowStorageWrites(c);
        Derivation d = Deriver.derive(c, request.query(), request.mode());
        Dependencies.requireCaptured(c, d, "the sources of " + request.name());
        String comment = "Trickle stream table, maintained by its query: " + d.text().sql();
        long storageOid = StorageTables.create(c, request.name().schema(), request.name().name(), d.storage(), comment);
        long pgtId = new StreamTableRepository().insert(c, new StreamTableRepository.NewStreamTable(
                request.name().schema(), request.name().name(), storageOid, d.definingQuery(), request.query().strip(),
                request.schedule().text(), request.mode(), d.effectiveMode(), d.fallbackReason(),
                d.storage().identity().keyed(), context[0], context[1]));
        String triggerMode = new SettingsRepository().load(c).get(Settings.CDC_TRIGGER_MODE);
        List<CaptureInfo> captures = Dependencies.record(c, pgtId, d, triggerMode);
        boolean immediate = request.mode() == RefreshMode.IMMEDIATE;
        RefreshCompiler.compile(c, pgtId, request.name().schema(), request.name().name(), context[0], context[1], d.storage(),
                immediate);
        long inserted = 0;
        if (request.initialize()) {
            RefreshHistoryRepository history = new RefreshHistoryRepository();
            long historyId = history.start(c, pgtId, request.name().schema(), request.name().name(), InitiatedBy.INITIAL, engineName);
            inserted = Population.populate(c, PgQuote.qualified(request.name().schema(), request.name().name()), d.storage());
            new FrontierRepository().advanceAll(c, pgtId, captures.stream().map(CaptureInfo::sourceOid).toList());
            new StreamTableRepository().update(c, pgtId, "is_populated = true, status = 'ACTIVE', "
                    + "last_refresh_at = clock_timestamp(), data_timestamp = clock_timestamp()");
            history.finish(c, historyId, "FULL", "COMPLETED", inserted, 0,
                    d.fallbackReason() == null ? "initial population" : "initial population; " + d.fallbackReason(), null, null);
        }
        if (immediate) {
            // Its sources are locked against writers: the first writer after this commit maintains it.
            ImmediateCompiler.install(c, pgtId, request.name().schema(), request.name().name(), context[0], context[1],
                    d.storage());
        }
        SccMembership.update(c);
        CatalogGeneration.bump(c, "create " + request.name());
        return new Result(pgtId, storageOid, d, inserted);
    }
}
