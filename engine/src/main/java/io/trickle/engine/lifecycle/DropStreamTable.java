package io.trickle.engine.lifecycle;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.refresh.ImmediateCompiler;
import io.trickle.engine.refresh.RefreshCompiler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drops a stream table: its storage table, catalog rows, its IMMEDIATE triggers, and the capture of
 * every source no other stream table reads. Refused (exit 1) while other stream tables read it, unless cascading, which
 * drops those first (readers before what they read; a visited set keeps cycles finite).
 */
public final class DropStreamTable {

    private DropStreamTable() {
    }

    /** Drops the table (and with {@code cascade} its readers); returns the names dropped, in order. */
    public static List<String> run(Database database, QualifiedName name, boolean cascade) {
        return database.transaction("dropping stream table " + name, c -> {
            StreamTableRepository tables = new StreamTableRepository();
            StreamTableRow row = tables.byName(c, name.schema(), name.name())
                    .orElseThrow(() -> new NotFoundException("stream table " + name + " does not exist"));
            Set<StreamTableRow> order = new LinkedHashSet<>();
            List<String> readers = readers(c, tables, row).stream().map(StreamTableRow::displayName).toList();
            if (!readers.isEmpty() && !cascade) {
                throw new ActionFailedException("cannot drop stream table " + name + ": stream tables "
                        + String.join(", ", readers) + " read from it (drop them first, or use --cascade)");
            }
            collect(c, tables, row, order, new LinkedHashSet<>());
            lockImmediateSources(c, order);
            List<String> dropped = new ArrayList<>();
            for (StreamTableRow t : order) {
                drop(c, tables, t, cascade);
                dropped.add(t.displayName());
            }
            if (order.stream().anyMatch(DropStreamTable::immediate)) {
                ImmediateCompiler.relock(c);
            }
            SccMembership.update(c);
            CatalogGeneration.bump(c, "drop " + name);
            return dropped;
        });
    }

    private static boolean immediate(StreamTableRow row) {
        return row.refreshMode() == RefreshMode.IMMEDIATE;
    }

    /**
     * The sources of IMMEDIATE tables are locked against writers before any table's refresh lock is
     * taken (a writer holds that lock while it waits for its next statement's table lock).
     */
    private static void lockImmediateSources(Connection c, Set<StreamTableRow> order) throws SQLException {
        Set<Long> sources = new TreeSet<>();
        for (StreamTableRow t : order) {
            if (immediate(t)) {
                new DependencyRepository().of(c, t.id()).stream().map(Dependency::sourceOid).forEach(sources::add);
            }
        }
        // In the order of their OIDs, as every transaction that locks IMMEDIATE sources; with TRIGGER only.
        Sessions.lock(c, List.copyOf(sources));
    }

    /** Readers first, then the table itself. */
    private static void collect(Connection c, StreamTableRepository tables, StreamTableRow row, Set<StreamTableRow> order,
                                Set<Long> visiting) throws SQLException {
        if (!visiting.add(row.id())) {
            return;
        }
        for (StreamTableRow reader : readers(c, tables, row)) {
            collect(c, tables, reader, order, visiting);
        }
        order.add(row);
    }

    private static List<StreamTableRow> readers(Connection c, StreamTableRepository tables, StreamTableRow row)
            throws SQLException {
        List<StreamTableRow> out = new ArrayList<>();
        for (Dependency d : new DependencyRepository().onSource(c, row.storageOid())) {
            if (d.pgtId() != row.id()) {
                tables.byId(c, d.pgtId()).ifPresent(out::add);
            }
        }
        return out;
    }

    private static void drop(Connection c, StreamTableRepository tables, StreamTableRow row, boolean cascade)
            throws SQLException {
        AdvisoryLocks.lockStreamTable(c, row.id());
        List<Long> sources = new DependencyRepository().of(c, row.id()).stream().map(Dependency::sourceOid).toList();
        String table = PgQuote.qualified(row.schema(), row.name());
        Savepoint sp = c.setSavepoint("__pgt_drop");
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table + (cascade ? " CASCADE" : ""));
        } catch (SQLException e) {
            c.rollback(sp);
            if ("2BP01".equals(e.getSQLState())) {
                throw new ActionFailedException("cannot drop stream table " + row.displayName()
                        + ": other objects depend on its storage table (" + e.getMessage().strip().replaceAll("\\s*\\n\\s*", " ")
                        + "); drop them first, or use --cascade");
            }
            throw e;
        }
        if (immediate(row)) {
            ImmediateCompiler.drop(c, row.id());
        }
        tables.delete(c, row.id());
        RefreshCompiler.drop(c, row.id());
        CaptureInstaller captures = new CaptureInstaller();
        for (long oid : sources) {
            captures.releaseIfUnused(c, oid);
        }
        captures.releaseIfUnused(c, row.storageOid());
    }
}
