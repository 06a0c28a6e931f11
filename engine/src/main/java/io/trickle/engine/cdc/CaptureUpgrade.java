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
            database.transaction("converting the change buffer of " + source.qualifiedName(),
                    Connection.TRANSACTION_REPEATABLE_READ, c -> {
                        CaptureInstaller.lockForCapture(c, List.of(source));
                        CaptureInstaller installer = new CaptureInstaller();
                        String mode = installer.find(c, source.oid()).map(CaptureInfo::triggerMode).orElse("statement");
                        installer.ensure(c, source, mode);
                        return null;
                    });
            LOG.info("converted the change buffer of {} to typed columns", source.qualifiedName());
            converted.add(source.qualifiedName());
        }
        return converted;
    }
}
