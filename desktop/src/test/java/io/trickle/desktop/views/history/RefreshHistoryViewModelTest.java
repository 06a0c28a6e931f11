package io.trickle.desktop.views.history;

import io.trickle.engine.api.InitiatedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogFixture;
import io.trickle.desktop.views.catalog.RefreshQueue;
import io.trickle.engine.api.HistoryEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshHistoryViewModelTest {

    private final CatalogFixture fixture = CatalogFixture.withShop();
    private final RefreshHistoryViewModel model = new RefreshHistoryViewModel(fixture.catalog);

    private static HistoryEntry entry(long id, String name, String action, String status, String reason, String error) {
        Instant at = Instant.parse("2026-11-24T10:00:00Z").plusSeconds(id);
        return new HistoryEntry(id, name, action, status, InitiatedBy.MANUAL, 2, 1, at, at, 5.0, reason, error, null);
    }

    private void arrangeHistory() {
        fixture.catalog().addHistory(entry(1, "shop.order_totals", "FULL", "COMPLETED", "initial population", null))
                .addHistory(entry(2, "shop.order_totals", "DIFFERENTIAL", "COMPLETED", null, null))
                .addHistory(entry(3, "reporting.region_revenue", "FULL", "FAILED", null,
                        "refresh of reporting.region_revenue failed: division by zero"))
                .addHistory(entry(4, "reporting.category_sales", "NO_DATA", "COMPLETED", null, null));
    }

    @Test
    void readsTheHistoryAcrossTablesNewestFirst() {
        arrangeHistory();
        fixture.connect();
        assertEquals(List.of(4L, 3L, 2L, 1L), model.shown().stream().map(HistoryEntry::refreshId).toList());
        assertEquals("4 decisions · 1 failed", model.summary().get());
        assertEquals(List.of("All tables", "reporting.category_sales", "reporting.region_revenue",
                "shop.customer_revenue", "shop.order_totals"), model.tableChoices());
    }

    @Test
    void filtersByTableActionStatusAndText() {
        arrangeHistory();
        fixture.connect();
        model.tableProperty().set("shop.order_totals");
        assertEquals(List.of(2L, 1L), ids());
        model.actionProperty().set("FULL");
        assertEquals(List.of(1L), ids());
        assertEquals("1 of 4 decisions", model.summary().get());
        assertTrue(model.clearFilterCommand().canExecute());
        model.clearFilterCommand().execute();
        assertEquals(4, ids().size());
        assertFalse(model.clearFilterCommand().canExecute());

        model.tableProperty().set(null);
        assertEquals("All tables", model.tableProperty().get(), "no choice means all");
        model.statusProperty().set("FAILED");
        assertEquals(List.of(3L), ids());
        model.statusProperty().set("All");
        model.textProperty().set("DIVISION");
        assertEquals(List.of(3L), ids(), "the text is looked for in reasons and errors, ignoring case");
        model.textProperty().set("initial");
        assertEquals(List.of(1L), ids());
        model.textProperty().set("nothing like this");
        assertEquals("No refresh matches the filter", model.emptyProperty().get().title());
    }

    @Test
    void theSelectedFailureIsDescribedWithItsError() {
        arrangeHistory();
        fixture.connect();
        model.selectedProperty().set(model.shown().get(1));
        assertEquals("reporting.region_revenue · FULL · FAILED · manual · rows +2 −1 · 5.0 ms\n"
                + "Error: refresh of reporting.region_revenue failed: division by zero", model.selectedText().get());
        assertTrue(RefreshHistoryViewModel.failed(model.shown().get(1)));
    }

    @Test
    void growsWithEachRefreshThisWindowRuns() {
        fixture.connect();
        assertEquals("No refreshes yet", model.emptyProperty().get().title());
        RefreshQueue queue = new RefreshQueue(fixture.catalog, fixture.tasks, fixture.notices, fixture.selection);
        queue.refresh(List.of("shop.order_totals"), false);
        assertEquals(1, model.shown().size());
        assertEquals("shop.order_totals", model.shown().get(0).name());
        queue.refresh(List.of("reporting.category_sales"), false);
        assertEquals(2, model.shown().size());
    }

    @Test
    void theTableChoicesGrowWithoutLosingTheChosenTable() {
        arrangeHistory();
        fixture.connect();
        model.tableProperty().set("shop.order_totals");
        fixture.catalog().table("shop.another", "1m", "shop.orders");
        fixture.catalog.reload();
        assertTrue(model.tableChoices().contains("shop.another"));
        assertEquals("shop.order_totals", model.tableProperty().get());
        assertEquals(List.of("All tables", "reporting.category_sales", "reporting.region_revenue", "shop.another",
                "shop.customer_revenue", "shop.order_totals"), model.tableChoices());
    }

    @Test
    void aRunOfQuietChecksIsOneRowWhereItsLatestCheckIsAndACyclesRoundsAreNumbered() {
        arrangeHistory();
        Instant first = Instant.parse("2026-11-24T09:00:00Z");
        fixture.catalog().addHistory(new HistoryEntry(5, "shop.order_totals", "NO_DATA", "COMPLETED", io.trickle.engine.api.InitiatedBy.SCHEDULER, 0, 0,
                first, first, 0.0, "checked: no change in any source since the last refresh", null, null, 12,
                Instant.parse("2026-11-24T11:00:00Z")));
        fixture.catalog().addHistory(new HistoryEntry(6, "shop.referral_reach", "FULL", "COMPLETED", io.trickle.engine.api.InitiatedBy.MANUAL, 4, 0,
                first, first, 2.0, "recomputing the cycle", null, 3));
        fixture.connect();
        assertEquals(5L, ids().get(0), "its latest check is the newest activity, although it began first");
        model.selectedProperty().set(model.shown().get(0));
        assertTrue(model.selectedText().get().startsWith("shop.order_totals · NO_DATA · COMPLETED · scheduler · 12 checks"
                + " from "), model.selectedText().get());
        HistoryEntry round = model.shown().stream().filter(e -> e.refreshId() == 6).findFirst().orElseThrow();
        model.selectedProperty().set(round);
        assertTrue(model.selectedText().get().contains("round 3 of its cycle's fixpoint"), model.selectedText().get());
    }

    @Test
    void theFilterAloneDecidesWhatIsShown() {
        HistoryFilter filter = new HistoryFilter("", "", "failed", "");
        assertTrue(filter.test(entry(1, "a", "FULL", "FAILED", null, "x")));
        assertFalse(filter.test(entry(1, "a", "FULL", "COMPLETED", null, null)));
        assertTrue(HistoryFilter.ALL.test(entry(1, "a", "FULL", "COMPLETED", null, null)));
        assertTrue(new HistoryFilter(null, null, null, "  ").isEmpty());
    }

    private List<Long> ids() {
        return model.shown().stream().map(HistoryEntry::refreshId).toList();
    }
}
