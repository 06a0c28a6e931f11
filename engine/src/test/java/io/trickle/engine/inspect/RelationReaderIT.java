package io.trickle.engine.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.Cancellation;
import io.trickle.engine.api.ColumnInfo;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.PreviewRequest;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The data view's and the properties' reads through the facade: the first rows of a stream table
 * (without its engine columns) and of a source, ordered by a column; sizes, indexes and grants; the
 * names completion offers. Names that need quotes stay names.
 */
@Tag("pg15")
class RelationReaderIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    /** Roles are the server's, shared by every test class: this one's name is its own. */
    private static final String READER = "preview_reader_" + Long.toHexString(System.nanoTime());
    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
        db.execute("CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE \"Sales Dept\".\"Order; DROP TABLE x\" (id int PRIMARY KEY, \"Amount\" numeric(10,2), note text)",
                "INSERT INTO \"Sales Dept\".\"Order; DROP TABLE x\" SELECT g, g * 1.5, CASE WHEN g % 3 = 0 THEN NULL"
                        + " ELSE 'n' || g END FROM generate_series(1, 30) g",
                "CREATE INDEX amount_idx ON \"Sales Dept\".\"Order; DROP TABLE x\" (\"Amount\")",
                "CREATE ROLE " + READER,
                "GRANT SELECT ON \"Sales Dept\".\"Order; DROP TABLE x\" TO " + READER);
        trickle.create("\"Sales Dept\".big_orders", "SELECT id, \"Amount\" FROM \"Sales Dept\".\"Order; DROP TABLE x\""
                + " WHERE \"Amount\" > 30", "1m", "DIFFERENTIAL", true);
    }

    @AfterAll
    static void close() {
        trickle.close();
        db.execute("DROP OWNED BY " + READER, "DROP ROLE " + READER);
    }

    @Test
    void previewsAStreamTableWithoutItsEngineColumnsOrderedByAColumn() {
        RelationPreview p = trickle.preview(PreviewRequest.first("\"Sales Dept\".big_orders", 5).orderedBy("Amount", true),
                Cancellation.none());
        assertEquals("\"Sales Dept\".big_orders", p.relation());
        assertEquals(List.of(new ColumnInfo("id", "integer"), new ColumnInfo("Amount", "numeric(10,2)")), p.columns());
        assertEquals(List.of("30", "29", "28", "27", "26"), p.rows().stream().map(r -> r.get(0)).toList());
        assertEquals("45.00", p.rows().get(0).get(1));
        assertTrue(p.more(), "10 rows, 5 read");
        assertEquals(10, trickle.preview(PreviewRequest.first("\"Sales Dept\".big_orders", 10), Cancellation.none())
                .rows().size());
        assertFalse(trickle.preview(PreviewRequest.first("\"Sales Dept\".big_orders", 10), Cancellation.none()).more());
    }

    @Test
    void previewsASourceWhoseNameNeedsQuotesWithNullsAsNulls() {
        RelationPreview p = trickle.preview(PreviewRequest.first("\"Sales Dept\".\"Order; DROP TABLE x\"", 3)
                .orderedBy("id", false), Cancellation.none());
        assertEquals(List.of("id", "Amount", "note"), p.columns().stream().map(ColumnInfo::name).toList());
        assertEquals(Arrays.asList("3", "4.50", null), p.rows().get(2));
        assertEquals(30, db.count("SELECT count(*) FROM \"Sales Dept\".\"Order; DROP TABLE x\""), "nothing dropped");
    }

    @Test
    void refusesAnUnknownRelationOrColumnBeforeReading() {
        assertThrows(NotFoundException.class, () -> trickle.preview(PreviewRequest.first("public.nope", 5),
                Cancellation.none()));
        InvalidInputException column = assertThrows(InvalidInputException.class, () -> trickle.preview(
                PreviewRequest.first("\"Sales Dept\".big_orders", 5).orderedBy("__pgt_row_id", false), Cancellation.none()));
        assertTrue(column.getMessage().contains("has no column \"__pgt_row_id\""), column.getMessage());
        assertThrows(InvalidInputException.class, () -> PreviewRequest.first("x", 0));
    }

    @Test
    void statsCountRowsAndNameIndexesAndGrants() {
        RelationStats s = trickle.relationStats("\"Sales Dept\".\"Order; DROP TABLE x\"", Cancellation.none());
        assertEquals("table", s.kind());
        assertEquals(30L, s.rows());
        assertTrue(s.totalBytes() >= s.tableBytes() + s.indexBytes() && s.indexBytes() > 0, s.toString());
        assertEquals(List.of("Order; DROP TABLE x_pkey", "amount_idx"), s.indexes().stream()
                .map(RelationStats.Index::name).toList());
        assertTrue(s.indexes().get(0).primaryKey() && s.indexes().get(0).unique());
        assertTrue(s.indexes().get(1).definition().startsWith("CREATE INDEX amount_idx ON"), s.indexes().get(1).definition());
        assertTrue(s.grants().contains(new RelationStats.Grant(READER, List.of("SELECT"))), s.grants().toString());

        RelationStats storage = trickle.relationStats("\"Sales Dept\".big_orders", Cancellation.none());
        assertEquals(10L, storage.rows(), "a stream table's storage table");
        assertTrue(storage.indexes().stream().anyMatch(i -> i.definition().contains("__pgt_row_id")),
                storage.indexes().toString());
    }

    @Test
    void outlinesNameTheUsersRelationsAndColumnsButNotTheEnginesOwn() {
        List<RelationOutline> outlines = trickle.relationOutlines();
        RelationOutline orders = outlines.stream().filter(o -> o.name().equals("Order; DROP TABLE x")).findFirst()
                .orElseThrow();
        assertEquals("Sales Dept", orders.schema());
        assertEquals(List.of("id", "Amount", "note"), orders.columns().stream().map(ColumnInfo::name).toList());
        RelationOutline big = outlines.stream().filter(o -> o.name().equals("big_orders")).findFirst().orElseThrow();
        assertEquals(List.of("id", "Amount"), big.columns().stream().map(ColumnInfo::name).toList(), "no __pgt_ columns");
        assertTrue(outlines.stream().noneMatch(o -> o.schema().startsWith("pgtrickle") || o.schema().equals("pg_catalog")),
                "neither the engine's nor the system's relations");
    }

    @Test
    void aCancelledReadStopsOnTheServer() throws Exception {
        db.execute("CREATE VIEW slow_view AS SELECT g AS id FROM generate_series(1, 3) g, LATERAL pg_sleep(20) s");
        Cancellation cancel = Cancellation.create();
        CompletableFuture<RelationPreview> read = CompletableFuture.supplyAsync(
                () -> trickle.preview(PreviewRequest.first("public.slow_view", 5), cancel));
        Eventually.await(Duration.ofSeconds(20), () -> db.count("SELECT count(*) FROM pg_stat_activity"
                + " WHERE query LIKE '%slow_view%' AND state = 'active' AND pid <> pg_backend_pid()") == 1, "the read runs");
        cancel.cancel();
        Exception failed = assertThrows(Exception.class, () -> read.get(20, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof ActionFailedException && failed.getCause().getMessage().contains("cancelled"),
                String.valueOf(failed.getCause()));
    }
}
