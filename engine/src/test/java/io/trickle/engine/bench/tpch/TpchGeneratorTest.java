package io.trickle.engine.bench.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator's rules, without a database: determinism, cardinalities and the spec's invariants. */
class TpchGeneratorTest {

    private static final TpchScale SF = new TpchScale(0.01);

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws Exception {
        assertEquals(rows(new TpchGenerator(SF, 7)), rows(new TpchGenerator(SF, 7)));
        assertNotEquals(rows(new TpchGenerator(SF, 7)), rows(new TpchGenerator(SF, 8)));
    }

    @Test
    void cardinalitiesFollowTheScaleFactor() throws Exception {
        TpchGenerator g = new TpchGenerator(SF, 1);
        assertEquals(100, count(g::suppliers));
        assertEquals(2_000, count(g::parts));
        assertEquals(8_000, count(g::partsupps));
        assertEquals(1_500, count(g::customers));
        assertEquals(15_000, count(g::orders));
        long lines = count(g::lineitems);
        assertTrue(lines > 55_000 && lines < 65_000, "about four lines per order, got " + lines);
        assertEquals(25, count(g::nations));
        assertEquals(5, count(g::regions));
    }

    @Test
    void everyPartHasFourDistinctSuppliersAtOddScales() {
        for (double sf : new double[] {0.001, 0.003, 0.01, 0.05, 0.1}) {
            TpchGenerator g = new TpchGenerator(new TpchScale(sf), 1);
            for (int part = 1; part <= g.scale().parts(); part++) {
                int[] s = g.suppliersOf(part);
                Set<Integer> distinct = new HashSet<>();
                for (int v : s) {
                    assertTrue(v >= 1 && v <= g.scale().suppliers(), "supplier key in range at SF " + sf);
                    distinct.add(v);
                }
                assertEquals(4, distinct.size(), "part " + part + " at SF " + sf);
            }
        }
    }

    @Test
    void ordersFollowTheSpecificationsRules() {
        TpchGenerator g = new TpchGenerator(SF, 3);
        for (int i = 1; i <= 2_000; i++) {
            TpchOrder o = g.order(i);
            assertTrue(o.custKey() % 3 != 0, "customers with keys divisible by 3 place no orders");
            assertTrue((o.orderKey() - 1) % 32 < 8, "sparse order keys");
            long total = 0;
            int open = 0;
            for (TpchOrder.Line l : o.lines()) {
                assertTrue(contains(g.suppliersOf(l.partKey()), l.suppKey()), "a line's supplier supplies its part");
                assertTrue(l.shipDate().isAfter(o.orderDate()) && l.receiptDate().isAfter(l.shipDate()));
                assertEquals(l.shipDate().isAfter(TpchDomains.CURRENT_DATE) ? 'O' : 'F', l.lineStatus());
                assertEquals(l.receiptDate().isAfter(TpchDomains.CURRENT_DATE), l.returnFlag() == 'N');
                assertEquals(l.quantity() * TpchGenerator.retailPriceCents(l.partKey()), l.extendedPriceCents());
                assertTrue(!l.shipDate().isAfter(LocalDate.of(1998, 12, 31)));
                total += l.extendedPriceCents() * (100 + l.taxPct()) * (100 - l.discountPct());
                open += l.lineStatus() == 'O' ? 1 : 0;
            }
            assertEquals((total + 5_000) / 10_000, o.totalPriceCents());
            assertEquals(open == o.lines().size() ? 'O' : open == 0 ? 'F' : 'P', o.status());
        }
    }

    @Test
    void someSupplierCommentsCarryTheWordsQuery16LooksFor() throws Exception {
        TpchGenerator g = new TpchGenerator(SF, 1);
        List<String> comments = new ArrayList<>();
        g.suppliers(v -> comments.add((String) v[6]));
        assertTrue(comments.stream().anyMatch(s -> s.matches(".*Customer.*Complaints.*")));
        assertTrue(comments.stream().allMatch(s -> s.length() <= 101), "s_comment is varchar(101)");
    }

    @Test
    void moneyPrintsAsPostgresqlReadsIt() {
        assertEquals("0.05", Money.of(5).toString());
        assertEquals("-0.05", Money.of(-5).toString());
        assertEquals("-999.99", Money.of(-99_999).toString());
        assertEquals("1234.50", Money.of(123_450).toString());
    }

    @Test
    void queriesAreOneSelectEachAndMoveToAnotherSchema() {
        List<TpchQuery> all = TpchQueries.all("My Schema");
        assertEquals(22, all.size());
        for (TpchQuery q : all) {
            assertTrue(q.sql().startsWith("SELECT") || q.sql().startsWith("WITH"), q.name());
            assertTrue(!q.sql().contains(";") && !q.sql().contains("tpch."), q.name());
            assertTrue(q.sql().contains("\"My Schema\"."), q.name());
        }
        assertEquals(List.of("q01", "q05", "q22"),
                TpchQueries.select("tpch", List.of("5", "Q22", "q1")).stream().map(TpchQuery::name).toList());
        assertThrows(IllegalArgumentException.class, () -> TpchQueries.select("tpch", List.of("q23")));
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private interface Table {
        void into(TpchGenerator.RowSink sink) throws Exception;
    }

    private static long count(Table t) throws Exception {
        long[] n = {0};
        t.into(v -> n[0]++);
        return n[0];
    }

    private static List<String> rows(TpchGenerator g) throws Exception {
        List<String> out = new ArrayList<>();
        TpchGenerator.RowSink sink = v -> out.add(List.of(v).toString());
        g.suppliers(sink);
        g.customers(sink);
        g.parts(sink);
        for (int i = 1; i <= 500; i++) {
            out.add(g.order(i).toString());
        }
        return out;
    }
}
