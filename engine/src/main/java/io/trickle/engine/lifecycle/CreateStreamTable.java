package io.trickle.engine.lifecycle;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Schedule;
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
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Creates a stream table in two steps. First the query is derived in a transaction that is rolled
 * back: everything that can be wrong with the request is found there, before anything exists.
 * Then, in one REPEATABLE READ transaction: the sources that need capture (for an IMMEDIATE table,
 * every source) are locked against writers (so that no write falls between the triggers and the
 * snapshot), the storage table, catalog rows and capture or IMMEDIATE triggers are created, and the
 * table is populated from that transaction's snapshot, which becomes its first frontier. A failure
 * leaves nothing behind.
 */
public final class CreateStreamTable {

    /** What to create. */
    public record Request(QualifiedName name, String query, Schedule schedule, RefreshMode mode, boolean initialize) {
    }

    /** What was created. */
    public record Result(long pgtId, long storageOid, Derivation derivation, long rowsInserted) {
    }

    private CreateStreamTable() {
    }

    public static Result run(Database database, Request request, String engineName) {
        Sessions.requireNoScheduleIfImmediate(request.mode(), request.schedule());
        List<Relation> toLock = database.withConnection("checking the query of " + request.name(), c -> {
            c.setAutoCommit(false);
            try {
                Sessions.requireSchema(c, request.name().schema());
                Sessions.requireFreeName(c, request.name());
                Derivation d = Deriver.derive(c, request.query(), request.mode());
                return Dependencies.toLock(c, d, false);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
        return database.transaction("creating stream table " + request.name(), Connection.TRANSACTION_REPEATABLE_READ,
                c -> create(c, request, toLock, engineName));
    }

    private static Result create(Connection c, Request request, List<Relation> toLock, String engineName) throws SQLException {
        Sessions.lock(c, Sessions.qualified(toLock));
        Sessions.requireFreeName(c, request.name());
        String[] context = Sessions.context(c);
        Sessions.allowStorageWrites(c);
        Derivation d = Deriver.derive(c, request.query(), request.mode());
        String comment = "Trickle stream table, maintained by its query: " + d.text().sql();
        long storageOid = StorageTables.create(c, request.name().schema(), request.name().name(), d.storage(), comment);
        long pgtId = new StreamTableRepository().insert(c, new StreamTableRepository.NewStreamTable(
                request.name().schema(), request.name().name(), storageOid, d.definingQuery(), request.query().strip(),
                request.schedule().text(), request.mode().name(), d.effectiveMode(), d.fallbackReason(),
                d.storage().identity().keyed(), context[0], context[1]));
        String triggerMode = new SettingsRepository().load(c).get(Settings.CDC_TRIGGER_MODE);
        List<CaptureInfo> captures = Dependencies.record(c, pgtId, d, triggerMode);
        boolean immediate = request.mode() == RefreshMode.IMMEDIATE;
        RefreshCompiler.compile(c, pgtId, request.name().schema(), request.name().name(), context[0], context[1], d.storage(),
                immediate);
        long inserted = 0;
        if (request.initialize()) {
            RefreshHistoryRepository history = new RefreshHistoryRepository();
            long historyId = history.start(c, pgtId, request.name().schema(), request.name().name(), "INITIAL", engineName);
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
