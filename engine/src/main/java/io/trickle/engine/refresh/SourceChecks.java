package io.trickle.engine.refresh;

import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Before each refresh: are the sources still there, and are the columns the stream table uses
 * still what they were (same names, same types)? A dropped source puts the table in ERROR; a
 * changed column means the query must be derived again (REINITIALIZE).
 */
final class SourceChecks {

    /** What changed under a stream table. */
    record Finding(Dependency dependency, boolean gone) {
        String describe() {
            if (gone) {
                return "source " + dependency.displayName() + " was dropped";
            }
            return "VIEW".equals(dependency.sourceType())
                    ? "view " + dependency.displayName() + " was redefined, or columns it yields to the query changed"
                    : "columns of " + dependency.displayName() + " used by the query changed (dropped, renamed or retyped)";
        }
    }

    private SourceChecks() {
    }

    static Optional<Finding> check(Connection c, List<Dependency> dependencies) throws SQLException {
        for (Dependency d : dependencies) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = ?), "
                    + DependencyRepository.FINGERPRINT_SQL)) {
                Array cols = c.createArrayOf("text", d.columnsUsed().toArray());
                ps.setLong(1, d.sourceOid());
                ps.setLong(2, d.sourceOid());
                ps.setArray(3, cols);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.of(new Finding(d, true));
                    }
                    if (!rs.getString(2).equals(d.columnFingerprint())) {
                        return Optional.of(new Finding(d, false));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
