package io.trickle.engine.scheduler;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.catalog.CatalogInstaller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether a database can be scheduled at all, checked once before the loop starts: not a standby
 * (stream tables cannot be written there, DESIGN §2), a catalog recent enough to have the
 * scheduler's SQL API and its leader lock and not newer than this engine knows
 * ({@link CatalogCompatibility}), and a role that may take that lock (an engine role).
 */
final class Preflight {

    private Preflight() {
    }

    /** @throws ActionFailedException saying what is wrong and what to do */
    static void check(Connection c, String database, CatalogCompatibility compatibility) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_is_in_recovery()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new ActionFailedException("cannot schedule " + database + ": the server is a standby (in recovery),"
                        + " where stream tables cannot be written; run the scheduler against the primary");
            }
        }
        if (CatalogInstaller.installedVersion(c).isEmpty()) {
            throw new ActionFailedException("the Trickle catalog is not installed in " + database
                    + "; run 'trickle install' first");
        }
        compatibility.require(c, database);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT to_regclass('pgtrickle.pgt_leader') IS NOT NULL, current_user");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new ActionFailedException("the Trickle catalog in " + database
                        + " predates this scheduler; upgrade it with 'trickle install'");
            }
        }
        // Leadership is a lock only engine roles may take (see LeaderSession): say so now, not by
        // following for ever.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pgtrickle.is_engine_role(current_user), current_user, pgtrickle.engine_role()::text""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new ActionFailedException("cannot schedule " + database + ": role " + rs.getString(2)
                        + " is not a Trickle engine role (GRANT " + rs.getString(3) + " TO " + rs.getString(2)
                        + ", or run the scheduler as " + rs.getString(3) + ")");
            }
        }
    }
}
