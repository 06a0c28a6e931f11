package io.trickle.engine.catalog;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Which catalog versions an engine works with. An engine never acts on a catalog newer than the
 * newest migration it ships: a later release may have changed what the catalog's rows and buffers
 * mean, and guessing would damage them silently. An older catalog is used as far as it goes, down to
 * {@code oldestSupported}; features that need more say so and name {@code trickle install}.
 *
 * @param newestKnown     the highest migration this engine ships (its own catalog version)
 * @param oldestSupported the oldest catalog it can still maintain stream tables in
 */
public record CatalogCompatibility(String newestKnown, String oldestSupported) {

    /**
     * This build's catalog version: the highest migration in the {@code sql} module. Raise it with
     * every new migration ({@code CatalogCompatibilityTest} fails until it is).
     */
    public static final String NEWEST = "0.7.0.11";

    /** The oldest catalog this build maintains stream tables in (below it: 'trickle install' first). */
    public static final String OLDEST_SUPPORTED = "0.6.0";

    /**
     * The oldest catalog this build creates, alters and refreshes stream tables in: refreshes are
     * compiled into the catalog and read typed change buffers since 0.7.0.5. Older catalogs are still
     * read (list, show, history) until {@code trickle install} upgrades them. (In a 0.7.0.5 catalog a
     * refresh does not watch partition trees or views' definitions, nor follow renames: 0.7.0.10 does.)
     */
    public static final String OLDEST_MAINTAINED = "0.7.0.5";

    /** The oldest catalog that holds IMMEDIATE stream tables (the mode, and the table its triggers write). */
    public static final String OLDEST_IMMEDIATE = "0.7.0.8";

    /** What this build of the engine accepts. */
    public static final CatalogCompatibility THIS_ENGINE = new CatalogCompatibility(NEWEST, OLDEST_SUPPORTED);

    /** Whether {@code installed} is newer than every migration this engine ships. */
    public boolean isNewerThanKnown(String installed) {
        return compare(installed, newestKnown) > 0;
    }

    /**
     * Why this engine must not act on a catalog of version {@code installed} in {@code database}, or
     * empty when it may.
     */
    public Optional<String> refusal(String installed, String database) {
        if (isNewerThanKnown(installed)) {
            return Optional.of("the Trickle catalog in " + database + " is version " + installed
                    + ", newer than this engine, which knows catalog versions up to " + newestKnown
                    + ": a newer release of Trickle upgraded it. Run that release (or a later one) against this"
                    + " database; this engine changed nothing");
        }
        if (compare(installed, oldestSupported) < 0) {
            return Optional.of("the Trickle catalog in " + database + " is version " + installed
                    + ", older than this engine supports (" + oldestSupported + " to " + newestKnown
                    + "); upgrade it with 'trickle install'");
        }
        return Optional.empty();
    }

    /** Throws the {@link #refusal} when there is one; does nothing when no catalog is installed. */
    public void require(Connection c, String database) throws SQLException {
        Optional<String> installed = CatalogInstaller.installedVersion(c);
        if (installed.isPresent()) {
            Optional<String> refusal = refusal(installed.get(), database);
            if (refusal.isPresent()) {
                throw new ActionFailedException(refusal.get());
            }
        }
    }

    /**
     * Refuses (before anything changes) to maintain stream tables in a catalog older than
     * {@link #OLDEST_MAINTAINED}, naming both versions.
     */
    public static void requireMaintainable(Connection c, String database) throws SQLException {
        Optional<String> installed = CatalogInstaller.installedVersion(c);
        if (installed.isPresent() && compare(installed.get(), OLDEST_MAINTAINED) < 0) {
            throw new InvalidInputException("the Trickle catalog in " + database
                    + " is version " + installed.get() + "; this engine creates, alters and refreshes stream tables in"
                    + " catalogs from " + OLDEST_MAINTAINED + " on (refreshes compiled into the catalog, typed change"
                    + " buffers): upgrade it with 'trickle install'");
        }
    }

    /** Refuses (before anything changes) an IMMEDIATE table in a catalog older than {@link #OLDEST_IMMEDIATE}. */
    public static void requireImmediate(Connection c, String database) throws SQLException {
        Optional<String> installed = CatalogInstaller.installedVersion(c);
        if (installed.isPresent() && compare(installed.get(), OLDEST_IMMEDIATE) < 0) {
            throw new InvalidInputException("the Trickle catalog in " + database
                    + " is version " + installed.get() + "; IMMEDIATE stream tables need catalog " + OLDEST_IMMEDIATE
                    + " or later: upgrade it with 'trickle install'");
        }
    }

    /** Orders dotted catalog versions numerically (0.7.0.11 comes after 0.7.0.3), as Flyway does. */
    public static int compare(String a, String b) {
        return MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b));
    }
}
