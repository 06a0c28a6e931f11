package io.trickle.engine.cdc;

import io.trickle.engine.db.Database;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the JSON change buffers of engines before 0.7.0.5 to typed buffers, after the catalog
 * migrations ran. One source at a time, each in a transaction that first locks the source against
 * writers (so that no write is captured in the old format after its rows were copied), copies the
 * pending rows decoded, and replaces the capture function. Readers keep their frontiers: nothing is
 * lost or read twice.
 */
public final class CaptureUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureUpgrade.class);

    private CaptureUpgrade() {
    }

    /** Converts every JSON buffer; returns the sources converted. */
    public static List<String> convertAll(Database database) {
        List<Relation> pending = database.withConnection("finding change buffers to convert", c -> {
            List<Relation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT ct.source::oid, n.nspname, cl.relname
                      FROM pgtrickle.pgt_change_tracking ct
                      JOIN pg_class cl ON cl.oid = ct.source JOIN pg_namespace n ON n.oid = cl.relnamespace
                     WHERE ct.buffer_format = 'json'""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), RelationKind.TABLE, List.of(),
                            List.of(), false));
                }
            }
            return out;
        });
        List<String> converted = new ArrayList<>();
        for (Relation source : pending) {
            // READ COMMITTED: the copy of the pending rows reads after the lock has waited the
            // writers out (a REPEATABLE READ snapshot would be older than the lock).
            database.transaction("converting the change buffer of " + source.qualifiedName(),
                    Connection.TRANSACTION_READ_COMMITTED, c -> {
                        CaptureInstaller installer = new CaptureInstaller();
                        installer.lockForCapture(c, List.of(source));
                        String mode = installer.find(c, source.oid()).map(CaptureInfo::triggerMode).orElse("statement");
                        installer.ensure(c, source, mode);
                        return null;
                    });
            LOG.info("converted the change buffer of {} to typed columns", source.qualifiedName());
            converted.add(source.qualifiedName());
        }
        return converted;
    }

    /**
     * Writes every typed capture function again with this engine's {@link CaptureFunction}: engines
     * of catalogs 0.7.0.5 to 0.7.0.7 wrote them without the row-level-security check (issue 18).
     * The buffer's columns stay as they are, so writers need not be held off. Returns how many.
     */
    public static int rewriteFunctions(Database database) {
        return database.transaction("writing the capture functions again", c -> {
            CaptureInstaller installer = new CaptureInstaller();
            int n = 0;
            List<Long> sources = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT source::oid FROM pgtrickle.pgt_change_tracking WHERE buffer_format = 'typed'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sources.add(rs.getLong(1));
                }
            }
            for (long oid : sources) {
                var info = installer.find(c, oid);
                if (info.isPresent() && installer.rewriteFunction(c, info.get())) {
                    n++;
                }
            }
            return n;
        });
    }
}
