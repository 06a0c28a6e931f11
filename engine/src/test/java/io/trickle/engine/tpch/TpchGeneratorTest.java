package io.trickle.engine.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.bench.tpch.TpchGenerator;
import io.trickle.engine.bench.tpch.TpchQueries;
import io.trickle.engine.bench.tpch.TpchQuery;
import io.trickle.engine.bench.tpch.TpchScale;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator's rules, without a database and through the rows it emits: determinism,
 * cardinalities, and the specification's invariants that the queries rely on.
 */
class TpchGeneratorTest {

    private static final TpchScale SF = new TpchScale(0.01);
    private static final LocalDate CURRENT_DATE = LocalDate.of(1995, 6, 17);

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws Exception {
        assertEquals(sample(new TpchGenerator(SF, 7)), sample(new TpchGenerator(SF, 7)));
        assertNotEquals(sample(new TpchGenerator(SF, 7)), sample(new TpchGenerator(SF, 8)));
    }

    @Test
    void cardinalitiesFollowTheScaleFactor() throws Exception {
        TpchGenerator g = new TpchGenerator(SF, 1);
        assertEquals(5, rows(g::regions).size());
        assertEquals(25, rows(g::nations).size());
        assertEquals(100, rows(g::suppliers).size());
        assertEquals(2_000, rows(g::parts).size());
        assertEquals(8_000, rows(g::partsupps).size());
        assertEquals(1_500, rows(g::customers).size());
        assertEquals(15_000, rows(g::orders).size());
        int lines = rows(g::lineitems).size();
        assertTrue(lines > 55_000 && lines < 65_000, "about four lines per order, got " + lines);
    }

    @Test
    void everyPartHasFourDistinctSuppliersAtOddScales() throws Exception {
        for (double sf : new double[] {0.001, 0.003, 0.05}) {
            TpchGenerator g = new TpchGenerator(new TpchScale(sf), 1);
            Set<String> keys = new HashSet<>();
            for (Object[] ps : rows(g::partsupps)) {
                int supplier = (Integer) ps[1];
                assertTrue(supplier >= 1 && supplier <= g.scale().suppliers(), "supplier key in range at SF " + sf);
                assertTrue(keys.add(ps[0] + "/" + supplier), "duplicate partsupp " + ps[0] + "/" + supplier + " at SF " + sf);
            }
            assertEquals(4 * g.scale().parts(), keys.size());
        }
    }

    @Test
    void ordersAndLinesFollowTheSpecificationsRules() throws Exception {
        TpchGenerator g = new TpchGenerator(SF, 3);
        Set<String> partsupp = new HashSet<>();
        for (Object[] ps : rows(g::partsupps)) {
            partsupp.add(ps[0] + "/" + ps[1]);
        }
        Map<Integer, BigDecimal> retailPrice = new HashMap<>();
        for (Object[] p : rows(g::parts)) {
            retailPrice.put((Integer) p[0], money(p[7]));
        }
        Map<Integer, List<Object[]>> linesByOrder = new HashMap<>();
        for (Object[] l : rows(g::lineitems)) {
            linesByOrder.computeIfAbsent((Integer) l[0], k -> new ArrayList<>()).add(l);
            assertTrue(partsupp.contains(l[1] + "/" + l[2]), "a line's supplier supplies its part");
            LocalDate ship = (LocalDate) l[10];
            LocalDate receipt = (LocalDate) l[12];
            assertTrue(receipt.isAfter(ship) && !ship.isAfter(LocalDate.of(1998, 12, 31)));
            assertEquals(ship.isAfter(CURRENT_DATE) ? 'O' : 'F', l[9]);
            assertEquals(receipt.isAfter(CURRENT_DATE), (Character) l[8] == 'N');
            assertEquals(retailPrice.get((Integer) l[1]).multiply(BigDecimal.valueOf((Integer) l[4])), money(l[5]));
        }
        for (Object[] o : rows(g::orders)) {
            int key = (Integer) o[0];
            assertTrue((Integer) o[1] % 3 != 0, "customers with keys divisible by 3 place no orders");
            assertTrue((key - 1) % 32 < 8, "sparse order keys");
            BigDecimal total = BigDecimal.ZERO;
            int open = 0;
            List<Object[]> lines = linesByOrder.get(key);
            for (Object[] l : lines) {
                total = total.add(money(l[5]).multiply(BigDecimal.ONE.add(money(l[7])))
                        .multiply(BigDecimal.ONE.subtract(money(l[6]))));
                open += (Character) l[9] == 'O' ? 1 : 0;
                assertTrue(((LocalDate) l[10]).isAfter((LocalDate) o[4]), "ships after the order");
            }
            assertEquals(total.setScale(2, java.math.RoundingMode.HALF_UP), money(o[3]));
            assertEquals(open == lines.size() ? 'O' : open == 0 ? 'F' : 'P', o[2]);
        }
    }

    @Test
    void someSupplierCommentsCarryTheWordsQuery16LooksFor() throws Exception {
        List<String> comments = new ArrayList<>();
        for (Object[] s : rows(new TpchGenerator(SF, 1)::suppliers)) {
            comments.add((String) s[6]);
        }
        assertTrue(comments.stream().anyMatch(s -> s.matches(".*Customer.*Complaints.*")));
        assertTrue(comments.stream().allMatch(s -> s.length() <= 101), "s_comment is varchar(101)");
    }

    @Test
    void moneyPrintsAsPostgresqlReadsIt() throws Exception {
        for (Object[] s : rows(new TpchGenerator(SF, 1)::suppliers)) {
            String balance = s[5].toString();
            assertTrue(balance.matches("-?\\d+\\.\\d\\d"), balance);
            BigDecimal v = new BigDecimal(balance);
            assertTrue(v.compareTo(new BigDecimal("-999.99")) >= 0 && v.compareTo(new BigDecimal("9999.99")) <= 0, balance);
        }
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

    private interface Table {
        void into(TpchGenerator.RowSink sink) throws Exception;
    }

    private static List<Object[]> rows(Table t) throws Exception {
        List<Object[]> out = new ArrayList<>();
        t.into(v -> out.add(v.clone()));
        return out;
    }

    private static BigDecimal money(Object v) {
        return new BigDecimal(v.toString());
    }

    private static List<String> sample(TpchGenerator g) throws Exception {
        List<String> out = new ArrayList<>();
        for (Table t : List.<Table>of(g::suppliers, g::customers, g::parts, g::orders)) {
            for (Object[] row : rows(t)) {
                out.add(List.of(row).toString());
            }
        }
        return out;
    }
}
