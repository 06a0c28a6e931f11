package io.trickle.engine.embedded;

import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.Database;
import io.trickle.engine.demo.DemoInstaller;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The demo that {@code trickle demo}, the workbench's {@code --demo} and its "Embedded demo" profile
 * share (DESIGN §4), installed where the embedded server lives rather than through the facade: the
 * sample shop's schemas, tables and data, and stream tables over them and over each other on several
 * schedules. The stream tables are made through {@code trickle}, as a DBA makes them; the sample's
 * plain tables and rows through a small pool of its own on the same database.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Installs what is missing of the demo (idempotent). The catalog must be installed.
     *
     * @param jdbcUrl the database {@code trickle} is connected to
     * @return what it created, in order ({@code "table shop.orders"}, {@code "stream table shop.order_totals"});
     *         empty when the demo was complete
     */
    public static List<String> install(Trickle trickle, String jdbcUrl) {
        return withPool(trickle, jdbcUrl, database -> DemoInstaller.install(trickle, database));
    }

    /**
     * Resets the demo to how a first install leaves it ({@code trickle demo --reset}): drops its schemas
     * ({@code shop}, {@code reporting}, {@code etl}) with everything in them, every stream table stored
     * there or reading from there, and its watermark group, then installs it anew. The catalog must be
     * installed.
     *
     * @return what it dropped, then what it created
     */
    public static List<String> reset(Trickle trickle, String jdbcUrl) {
        return withPool(trickle, jdbcUrl, database -> DemoInstaller.reset(trickle, database));
    }

    private static List<String> withPool(Trickle trickle, String jdbcUrl, Function<Database, List<String>> work) {
        ConnectionTarget target;
        try {
            target = ConnectionTarget.parse(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new TrickleException.InvalidInputException(e.getMessage(), e);
        }
        trickle.catalogVersion().orElseThrow(() -> new TrickleException.ActionFailedException(
                "the Trickle catalog is not installed in " + trickle.databaseName() + "; run 'trickle install' first"));
        try (Database database = Database.open(target, new Database.PoolOptions(2, "trickle demo", Duration.ofSeconds(10)))) {
            return work.apply(database);
        }
    }
}
