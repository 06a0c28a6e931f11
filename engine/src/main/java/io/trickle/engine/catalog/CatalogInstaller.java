package io.trickle.engine.catalog;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Installs, upgrades and removes the catalog. The migrations are the {@code sql} module's Flyway
 * scripts; Flyway applies the pending ones in one transaction (group mode), so an upgrade either
 * completes or leaves the old catalog untouched. Its history table lives in the catalog schema.
 */
public final class CatalogInstaller {

    public static final String SCHEMA = "pgtrickle";
    public static final String CHANGES_SCHEMA = "pgtrickle_changes";
    static final String HISTORY_TABLE = "pgt_schema_history";
    private static final String LOCATION = "classpath:db/migration/pgtrickle";

    /** What an install did: the version found before, the version now, and how many migrations ran. */
    public record InstallOutcome(Optional<String> previousVersion, String currentVersion, int migrationsApplied) {
        public boolean changed() {
            return migrationsApplied > 0;
        }
    }

    /** What an uninstall removed. */
    public record UninstallOutcome(boolean wasInstalled, List<String> storageTablesKept, List<String> sourcesReleased) {
    }

    private final Database database;

    public CatalogInstaller(Database database) {
        this.database = database;
    }

    public InstallOutcome install() {
        database.withConnection("checking privileges for the catalog", this::requireCreatePrivilege);
        Optional<String> before = installedVersion();
        before.ifPresent(v -> refuseNewer(v, "install the Trickle catalog " + CatalogCompatibility.NEWEST + " into"));
        try {
            MigrateResult result = flyway().migrate();
            String now = installedVersion().orElse(result.targetSchemaVersion);
            if (result.migrationsExecuted > 0) {
                // Running engines reload what they know of the catalog; an older one stops there (it
                // must not act on a catalog newer than it knows).
                database.withConnection("announcing the catalog upgrade",
                        c -> CatalogGeneration.bump(c, "catalog upgraded to " + now));
            }
            return new InstallOutcome(before, now, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new ActionFailedException("installing the Trickle catalog into " + database.target().describe()
                    + " failed: " + flywayMessage(e), e);
        }
    }

    /**
     * An older engine neither downgrades nor "repairs" a catalog that a newer release installed: Flyway
     * would call the newer migrations unknown, and its advice (remove and reinstall) would lose data.
     */
    private void refuseNewer(String installed, String action) {
        if (CatalogCompatibility.THIS_ENGINE.isNewerThanKnown(installed)) {
            throw new ActionFailedException("cannot " + action + " " + database.target().describe() + ": it holds"
                    + " catalog version " + installed + ", which a newer release of Trickle installed; this engine knows"
                    + " catalog versions up to " + CatalogCompatibility.NEWEST + ". Use that release or a later one;"
                    + " nothing was changed");
        }
    }

    /** The newest version the engine's migrations define. */
    public String latestVersion() {
        MigrationInfo[] all = flyway().info().all();
        return all.length == 0 ? "none" : all[all.length - 1].getVersion().getVersion();
    }

    /**
     * The version of the installed catalog, or empty when there is none. One cheap query, so that
     * one-shot commands can check it without starting Flyway.
     */
    public Optional<String> installedVersion() {
        return database.withConnection("reading the catalog version", CatalogInstaller::installedVersion);
    }

    public static Optional<String> installedVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, SCHEMA + "." + HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + SCHEMA + "." + HISTORY_TABLE
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Removes everything the engine installed: capture triggers and their functions, change buffers,
     * guards, the SQL API and the catalog. Storage tables stay, as plain tables.
     */
    public UninstallOutcome uninstall() {
        return database.transaction("removing the Trickle catalog", c -> {
            Optional<String> installed = installedVersion(c);
            if (installed.isEmpty() && !schemaExists(c, SCHEMA)) {
                return new UninstallOutcome(false, List.of(), List.of());
            }
            // A newer release may keep objects this engine does not know of: it removes its own catalog.
            installed.ifPresent(v -> refuseNewer(v, "remove the Trickle catalog from"));
            List<String> storage = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            if (tableExists(c, SCHEMA + ".pgt_stream_tables")) {
                storage = strings(c, "SELECT format('%I.%I', pgt_schema, pgt_name) FROM pgtrickle.pgt_stream_tables ORDER BY 1");
            }
            if (tableExists(c, SCHEMA + ".pgt_change_tracking")) {
                sources = strings(c, "SELECT format('%I.%I', source_schema, source_name) FROM pgtrickle.pgt_change_tracking ORDER BY 1");
            }
            // Capture triggers depend on their functions in pgtrickle_changes, guards on
            // pgtrickle.guard_stream_table(): dropping the two schemas takes them along.
            try (var st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + CHANGES_SCHEMA + " CASCADE");
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            return new UninstallOutcome(true, storage, sources);
        });
    }

    private Void requireCreatePrivilege(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT current_user,
                       current_database(),
                       has_database_privilege(current_database(), 'CREATE'),
                       (SELECT has_schema_privilege(n.oid, 'CREATE') FROM pg_namespace n WHERE n.nspname = ?),
                       pg_is_in_recovery()
                """)) {
            ps.setString(1, SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String role = rs.getString(1);
                String db = rs.getString(2);
                boolean canCreateSchemas = rs.getBoolean(3);
                Boolean canCreateInCatalog = (Boolean) rs.getObject(4);
                if (rs.getBoolean(5)) {
                    throw new ActionFailedException("cannot install the Trickle catalog into database \"" + db
                            + "\": the server at " + database.target().host() + ":" + database.target().port()
                            + " is a standby (read-only)");
                }
                boolean ok = canCreateInCatalog != null ? canCreateInCatalog : canCreateSchemas;
                if (!ok) {
                    String what = canCreateInCatalog != null ? "CREATE privilege on schema \"" + SCHEMA + "\""
                            : "CREATE privilege on database \"" + db + "\"";
                    throw new InvalidInputException("cannot install the Trickle catalog: role \"" + role
                            + "\" lacks the " + what + " (GRANT CREATE ON DATABASE " + quote(db) + " TO " + quote(role)
                            + "); nothing was installed");
                }
            }
        }
        return null;
    }

    private static String quote(String name) {
        return io.trickle.engine.db.PgQuote.ident(name);
    }

    private Flyway flyway() {
        return Flyway.configure(CatalogInstaller.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(LOCATION)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .group(true)
                .mixed(false)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    private static String flywayMessage(FlywayException e) {
        if (e instanceof FlywayValidateException) {
            return mismatch(e.getMessage());
        }
        SQLException sql = SqlErrors.findSqlException(e);
        String m = sql != null ? sql.getMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /**
     * Flyway's validation report, as a DBA can act on it: a catalog whose applied migrations differ
     * from this engine's (a checksum mismatch, a migration this engine does not know) was installed by
     * another build of Trickle; the engine will not guess how to reconcile the two.
     */
    static String mismatch(String report) {
        List<String> findings = new ArrayList<>();
        for (String line : report.lines().skip(1).map(String::strip).toList()) {
            if (line.startsWith("->") && !findings.isEmpty()) {
                int last = findings.size() - 1;
                findings.set(last, findings.get(last) + (findings.get(last).contains(":") ? ", " : ": ")
                        + line.substring(2).strip().replaceAll("\\s+:", ":"));
            } else if (!line.isEmpty() && !line.startsWith("Either") && !line.startsWith("Need more")
                    && !line.startsWith("To ")) {
                // Flyway's own advice (repair, -outOfOrder, ignore patterns) is not ours to give.
                findings.add(line.replaceAll("\\.+$", ""));
            }
        }
        return "the installed catalog does not match this engine's migrations (" + String.join("; ", findings)
                + "); it was installed by a different build of Trickle. Remove it with 'trickle uninstall --yes'"
                + " (stream tables stay as plain tables) and run 'trickle install' again";
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean tableExists(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
