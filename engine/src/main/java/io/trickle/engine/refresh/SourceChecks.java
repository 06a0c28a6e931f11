package io.trickle.engine.refresh;

import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before each refresh: are the sources still there, are the columns the stream table uses still what
 * they were (same names, same types), and may the engine's role still see every row of them? A
 * dropped source, or row-level security that now hides rows from the engine, puts the table in
 * ERROR; a changed column means the query must be derived again (REINITIALIZE). Each finding names
 * the source and, for columns, which column changed and how.
 */
final class SourceChecks {

    /** What changed under a stream table. */
    record Finding(Dependency dependency, Kind kind, String detail) {

        enum Kind { GONE, COLUMNS_CHANGED, ROW_SECURITY }

        /** Whether the table must go to ERROR rather than be reinitialised. */
        boolean gone() {
            return kind != Kind.COLUMNS_CHANGED;
        }

        String describe() {
            return switch (kind) {
                case GONE -> "source " + dependency.displayName() + " was dropped";
                case COLUMNS_CHANGED -> "VIEW".equals(dependency.sourceType())
                        ? "view " + dependency.displayName() + " was redefined, or columns it yields to the query changed ("
                                + detail + ")"
                        : "source " + dependency.displayName() + " changed (" + detail + ")";
                case ROW_SECURITY -> "row-level security on source " + dependency.displayName() + " now hides rows from"
                        + " role " + detail + ", so the stream table can no longer equal its query (and its change buffer"
                        + " keeps no row the policy hides); maintain it as a role the policy does not apply to (the table's"
                        + " owner without FORCE ROW LEVEL SECURITY, or a role with BYPASSRLS), or disable the policy, then"
                        + " resume it with 'trickle alter --status ACTIVE'";
            };
        }
    }

    private SourceChecks() {
    }

    static Optional<Finding> check(Connection c, List<Dependency> dependencies) throws SQLException {
        for (Dependency d : dependencies) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = ?), "
                    + DependencyRepository.FINGERPRINT_SQL + ", " + DependencyRepository.COLUMN_TYPES_SQL
                    + ", (SELECT row_security_active(oid) FROM pg_class WHERE oid = ? AND relkind IN ('r', 'p')), current_user")) {
                Array cols = c.createArrayOf("text", d.columnsUsed().toArray());
                ps.setLong(1, d.sourceOid());
                ps.setLong(2, d.sourceOid());
                ps.setArray(3, cols);
                ps.setLong(4, d.sourceOid());
                ps.setArray(5, cols);
                ps.setLong(6, d.sourceOid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.of(new Finding(d, Finding.Kind.GONE, null));
                    }
                    if (rs.getBoolean(4)) {
                        return Optional.of(new Finding(d, Finding.Kind.ROW_SECURITY, rs.getString(5)));
                    }
                    if (!rs.getString(2).equals(d.columnFingerprint())) {
                        List<String> now = Arrays.asList((String[]) rs.getArray(3).getArray());
                        return Optional.of(new Finding(d, Finding.Kind.COLUMNS_CHANGED, columnChanges(d, now)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Which used columns changed, told against the types recorded when the query was derived. */
    static String columnChanges(Dependency d, List<String> now) {
        Map<String, String> current = types(now);
        if (d.columnTypes().isEmpty()) {
            List<String> described = new ArrayList<>();
            for (String col : d.columnsUsed()) {
                described.add(current.containsKey(col) ? "column " + col + " is now " + current.get(col)
                        : "column " + col + " was dropped or renamed");
            }
            return "the columns the query uses were dropped, renamed or retyped: " + String.join(", ", described);
        }
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> was : types(d.columnTypes()).entrySet()) {
            String type = current.get(was.getKey());
            if (type == null) {
                changes.add("column " + was.getKey() + " was dropped or renamed");
            } else if (!type.equals(was.getValue())) {
                changes.add("column " + was.getKey() + " was retyped from " + was.getValue() + " to " + type);
            }
        }
        return changes.isEmpty() ? "the columns the query uses changed" : String.join(", ", changes);
    }

    private static Map<String, String> types(List<String> nameColonType) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : nameColonType) {
            int colon = entry.indexOf(':');
            out.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return out;
    }
}
