package io.trickle.engine.demo;

import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.Database;
import java.util.List;

/**
 * One part of the demo. Each step makes only what is missing, so installing the demo twice changes
 * nothing the second time, and reports what it created ({@code "table shop.orders (2000 rows)"},
 * {@code "stream table shop.order_totals"}).
 */
interface DemoStep {

    /** What the step is about, for logs and errors. */
    String title();

    /**
     * @param trickle  the engine, through its public API: stream tables are made the way a DBA makes them
     * @param database the same database, for the plain SQL of the sample's source tables
     */
    List<String> install(Trickle trickle, Database database);
}
