package io.trickle.engine.bench.tpch;

import static io.trickle.engine.bench.tpch.TpchDomains.CURRENT_DATE;
import static io.trickle.engine.bench.tpch.TpchText.pick;

import io.trickle.engine.bench.tpch.TpchDomains.Nation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Our own deterministic generator of the eight TPC-H tables, written from the specification's rules
 * (clause 4.2.3): the same scale and seed always give the same rows. Each table draws from its own
 * random stream, and each order (with its line items) from a stream of its own keyed by its index, so
 * the change cycles can generate new orders exactly as the load would have.
 *
 * <p>Rules kept because the queries depend on them: order keys are sparse (8 of every 32); a
 * customer whose key is a multiple of 3 places no orders (queries 13 and 22 count them); a line
 * item's supplier is one of its part's four partsupp suppliers (query 9 joins on both); the return
 * flag and line status follow the receipt and ship dates around 1995-06-17; the order status and
 * total price are derived from the order's lines.
 */
public final class TpchGenerator {

    /** Receives rows, in table column order. */
    @FunctionalInterface
    public interface RowSink {
        void row(Object... values) throws Exception;
    }

    private final TpchScale scale;
    private final long seed;

    public TpchGenerator(TpchScale scale, long seed) {
        this.scale = scale;
        this.seed = seed;
    }

    public TpchScale scale() {
        return scale;
    }

    public void regions(RowSink sink) throws Exception {
        SplittableRandom r = stream("region", 0);
        for (int k = 0; k < TpchDomains.REGIONS.size(); k++) {
            sink.row(k, TpchDomains.REGIONS.get(k), TpchText.comment(r, 31, 115));
        }
    }

    public void nations(RowSink sink) throws Exception {
        SplittableRandom r = stream("nation", 0);
        for (int k = 0; k < TpchDomains.NATIONS.size(); k++) {
            Nation n = TpchDomains.NATIONS.get(k);
            sink.row(k, n.name(), n.regionKey(), TpchText.comment(r, 31, 114));
        }
    }

    public void suppliers(RowSink sink) throws Exception {
        SplittableRandom r = stream("supplier", 0);
        for (int k = 1; k <= scale.suppliers(); k++) {
            int nation = r.nextInt(TpchDomains.NATIONS.size());
            sink.row(k, String.format(Locale.ROOT, "Supplier#%09d", k), TpchText.address(r, 10, 40), nation,
                    phone(r, nation), Money.of(acctbalCents(r)), supplierComment(r, k));
        }
    }

    /**
     * A supplier's comment. One supplier in fifty carries "Customer … Complaints" (query 16 excludes
     * them) and one in fifty "Customer … Recommends"; the specification's share (5 in 10 000) would
     * leave none at small scales.
     */
    static String supplierComment(SplittableRandom r, int suppKey) {
        return switch (suppKey % 50) {
            case 27 -> TpchText.comment(r, 5, 30) + " Customer " + TpchText.comment(r, 3, 20) + " Complaints";
            case 37 -> TpchText.comment(r, 5, 30) + " Customer " + TpchText.comment(r, 3, 20) + " Recommends";
            default -> TpchText.comment(r, 25, 100);
        };
    }

    public void customers(RowSink sink) throws Exception {
        SplittableRandom r = stream("customer", 0);
        for (int k = 1; k <= scale.customers(); k++) {
            int nation = r.nextInt(TpchDomains.NATIONS.size());
            sink.row(k, String.format(Locale.ROOT, "Customer#%09d", k), TpchText.address(r, 10, 40), nation,
                    phone(r, nation), Money.of(acctbalCents(r)), pick(r, TpchDomains.SEGMENTS), TpchText.comment(r, 29, 116));
        }
    }

    public void parts(RowSink sink) throws Exception {
        SplittableRandom r = stream("part", 0);
        for (int k = 1; k <= scale.parts(); k++) {
            int mfgr = 1 + r.nextInt(5);
            sink.row(k, partName(r), "Manufacturer#" + mfgr, "Brand#" + mfgr + (1 + r.nextInt(5)), partType(r),
                    1 + r.nextInt(50), container(r), Money.of(retailPriceCents(k)), TpchText.comment(r, 5, 22));
        }
    }

    public void partsupps(RowSink sink) throws Exception {
        SplittableRandom r = stream("partsupp", 0);
        for (int k = 1; k <= scale.parts(); k++) {
            for (int s : suppliersOf(k)) {
                sink.row(k, s, 1 + r.nextInt(9999), Money.of(100 + r.nextInt(99_901)), TpchText.comment(r, 49, 198));
            }
        }
    }

    /** Orders 1 … {@link TpchScale#orders()}, each written as an orders row. */
    public void orders(RowSink sink) throws Exception {
        for (int i = 1; i <= scale.orders(); i++) {
            sink.row(order(i).row());
        }
    }

    /** The line items of orders 1 … {@link TpchScale#orders()}. */
    public void lineitems(RowSink sink) throws Exception {
        for (int i = 1; i <= scale.orders(); i++) {
            TpchOrder o = order(i);
            for (TpchOrder.Line l : o.lines()) {
                sink.row(TpchOrder.row(o.orderKey(), l));
            }
        }
    }

    /** The order with the given 1-based index (indices past {@link TpchScale#orders()} are new orders). */
    TpchOrder order(int index) {
        SplittableRandom r = stream("order", index);
        int orderKey = orderKey(index);
        int custKey;
        do {
            custKey = 1 + r.nextInt(scale.customers());
        } while (custKey % 3 == 0 && scale.customers() > 2);
        LocalDate orderDate = TpchDomains.START_DATE.plusDays(r.nextInt(TpchDomains.ORDER_DATE_SPAN_DAYS + 1));
        String priority = pick(r, TpchDomains.PRIORITIES);
        String clerk = String.format(Locale.ROOT, "Clerk#%09d", 1 + r.nextInt(scale.clerks()));
        String comment = TpchText.comment(r, 19, 78);
        int lineCount = 1 + r.nextInt(7);
        List<TpchOrder.Line> lines = new ArrayList<>(lineCount);
        long total = 0;
        int open = 0;
        for (int n = 1; n <= lineCount; n++) {
            TpchOrder.Line l = line(r, orderDate, n);
            lines.add(l);
            total += l.extendedPriceCents() * (100 + l.taxPct()) * (100 - l.discountPct());
            open += l.lineStatus() == 'O' ? 1 : 0;
        }
        char status = open == lineCount ? 'O' : open == 0 ? 'F' : 'P';
        // total is in cents × 10⁴ (tax and discount are hundredths): round half up back to cents.
        return new TpchOrder(orderKey, custKey, status, (total + 5_000) / 10_000, orderDate, priority, clerk, comment,
                List.copyOf(lines));
    }

    private TpchOrder.Line line(SplittableRandom r, LocalDate orderDate, int lineNumber) {
        int partKey = 1 + r.nextInt(scale.parts());
        int suppKey = suppliersOf(partKey)[r.nextInt(4)];
        int quantity = 1 + r.nextInt(50);
        int discount = r.nextInt(11);
        int tax = r.nextInt(9);
        LocalDate ship = orderDate.plusDays(1 + r.nextInt(121));
        LocalDate commit = orderDate.plusDays(30 + r.nextInt(61));
        LocalDate receipt = ship.plusDays(1 + r.nextInt(30));
        char returnFlag = receipt.isAfter(CURRENT_DATE) ? 'N' : r.nextBoolean() ? 'R' : 'A';
        char lineStatus = ship.isAfter(CURRENT_DATE) ? 'O' : 'F';
        return new TpchOrder.Line(partKey, suppKey, lineNumber, quantity, quantity * retailPriceCents(partKey), discount,
                tax, returnFlag, lineStatus, ship, commit, receipt, pick(r, TpchDomains.SHIP_INSTRUCTIONS),
                pick(r, TpchDomains.SHIP_MODES), TpchText.comment(r, 10, 43));
    }

    /** Sparse order keys: the first 8 of every 32. */
    static int orderKey(int index) {
        return ((index - 1) / 8) * 32 + (index - 1) % 8 + 1;
    }

    /**
     * The four suppliers of a part, spread over the supplier range as the specification spreads them;
     * a collision (possible only at odd small scales) moves to the next free supplier.
     */
    int[] suppliersOf(int partKey) {
        int s = scale.suppliers();
        int step = s / 4 + (partKey - 1) / s;
        int[] out = new int[Math.min(4, s)];
        for (int i = 0; i < out.length; i++) {
            int candidate = (int) ((partKey + (long) i * step) % s) + 1;
            while (contains(out, i, candidate)) {
                candidate = candidate % s + 1;
            }
            out[i] = candidate;
        }
        return out;
    }

    private static boolean contains(int[] values, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (values[i] == v) {
                return true;
            }
        }
        return false;
    }

    static long retailPriceCents(int partKey) {
        return 90_000 + (partKey / 10) % 20_001 + 100L * (partKey % 1_000);
    }

    static String partName(SplittableRandom r) {
        List<String> words = new ArrayList<>(5);
        while (words.size() < 5) {
            String w = pick(r, TpchDomains.COLORS);
            if (!words.contains(w)) {
                words.add(w);
            }
        }
        return String.join(" ", words);
    }

    static String partType(SplittableRandom r) {
        return pick(r, TpchDomains.TYPE_SIZE) + " " + pick(r, TpchDomains.TYPE_FINISH) + " " + pick(r, TpchDomains.TYPE_METAL);
    }

    static String container(SplittableRandom r) {
        return pick(r, TpchDomains.CONTAINER_SIZE) + " " + pick(r, TpchDomains.CONTAINER_KIND);
    }

    /** A phone number whose country code is the nation key plus 10 (query 22 groups by it). */
    static String phone(SplittableRandom r, int nationKey) {
        return String.format(Locale.ROOT, "%02d-%03d-%03d-%04d", nationKey + 10, 100 + r.nextInt(900),
                100 + r.nextInt(900), 1000 + r.nextInt(9000));
    }

    /** An account balance between -999.99 and 9999.99. */
    static long acctbalCents(SplittableRandom r) {
        return -99_999 + r.nextInt(1_099_999);
    }

    /** A random stream for one table (or one order), independent of every other. */
    SplittableRandom stream(String table, long index) {
        return new SplittableRandom(mix(mix(seed, table.hashCode()), index));
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
