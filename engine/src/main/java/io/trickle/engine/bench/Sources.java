package io.trickle.engine.bench;

import io.trickle.engine.db.PgQuote;

/**
 * One copy of the suite's source tables: {@code orders} (the table every cycle changes) and
 * {@code customers} (its dimension), as {@code <prefix>_orders} and {@code <prefix>_customers} in the
 * suite's schema.
 */
public record Sources(String schema, String prefix) {

    /** The qualified, quoted name of the orders table. */
    public String orders() {
        return PgQuote.qualified(schema, prefix + "_orders");
    }

    /** The qualified, quoted name of the customers table. */
    public String customers() {
        return PgQuote.qualified(schema, prefix + "_customers");
    }
}
