package io.trickle.engine.bench.tpch;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated order with its line items. Money is held in cents so that the order's total is the
 * exact sum the specification defines.
 */
record TpchOrder(int orderKey, int custKey, char status, long totalPriceCents, LocalDate orderDate, String priority,
                 String clerk, String comment, List<Line> lines) {

    record Line(int partKey, int suppKey, int lineNumber, int quantity, long extendedPriceCents, int discountPct,
                int taxPct, char returnFlag, char lineStatus, LocalDate shipDate, LocalDate commitDate,
                LocalDate receiptDate, String shipInstruct, String shipMode, String comment) {
    }

    /** The values of an orders row, in the table's column order, for COPY. */
    Object[] row() {
        return new Object[] {orderKey, custKey, status, Money.of(totalPriceCents), orderDate, priority, clerk, 0, comment};
    }

    /** The values of a lineitem row, in the table's column order, for COPY. */
    static Object[] row(int orderKey, Line l) {
        return new Object[] {orderKey, l.partKey(), l.suppKey(), l.lineNumber(), l.quantity(),
            Money.of(l.extendedPriceCents()), Money.of(l.discountPct()), Money.of(l.taxPct()), l.returnFlag(),
            l.lineStatus(), l.shipDate(), l.commitDate(), l.receiptDate(), l.shipInstruct(), l.shipMode(), l.comment()};
    }
}
