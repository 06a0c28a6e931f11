package io.trickle.desktop.views.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.NotificationService.Severity;
import io.trickle.desktop.services.QueuedTaskExecutor;
import io.trickle.desktop.services.RecordingNotificationService;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshQueueTest {

    private final CatalogFixture fixture = CatalogFixture.withShop().connect();
    private final RefreshQueue queue = new RefreshQueue(fixture.catalog, fixture.tasks, fixture.notices, fixture.selection);

    @Test
    void refreshesTheSelectedTablesInDependencyOrderWithOneClick() {
        fixture.select(CatalogItem.Relation.streamTable("reporting.region_revenue"),
                CatalogItem.Relation.streamTable("shop.order_totals"),
                CatalogItem.Relation.streamTable("shop.customer_revenue"));
        assertTrue(queue.refreshNowCommand().canExecute());
        queue.refreshNowCommand().execute();

        assertEquals(List.of("shop.order_totals", "shop.customer_revenue", "reporting.region_revenue"),
                fixture.catalog().refreshed());
        assertEquals(3, queue.outcomes().size());
        assertTrue(fixture.notices.titles().contains("Refreshed shop.order_totals"), fixture.notices.titles().toString());
        assertEquals("DIFFERENTIAL · +3 −1 rows · 4.0 ms", message("Refreshed shop.order_totals"));
        assertFalse(queue.busyProperty().get());
    }

    @Test
    void aSchemaStandsForItsStreamTablesAndSourcesAreNotRefreshed() {
        fixture.select(new CatalogItem.Schema("shop"), new CatalogItem.Relation("shop.orders",
                io.trickle.engine.api.DependencyGraph.Kind.TABLE));
        queue.refreshNowCommand().execute();
        assertEquals(List.of("shop.order_totals", "shop.customer_revenue"), fixture.catalog().refreshed());
    }

    @Test
    void nothingToRefreshWhenOnlySourcesOrNothingIsSelected() {
        assertFalse(queue.refreshNowCommand().canExecute());
        fixture.select(new CatalogItem.Relation("shop.orders", io.trickle.engine.api.DependencyGraph.Kind.TABLE));
        assertFalse(queue.refreshNowCommand().canExecute());
    }

    @Test
    void aFailureIsToldWithItsErrorAndTheOthersStillRefresh() {
        fixture.catalog().failRefreshOf("shop.customer_revenue", "refresh of shop.customer_revenue failed: division by zero");
        queue.refresh(List.of("shop.order_totals", "shop.customer_revenue", "reporting.region_revenue"), false);

        assertEquals(List.of("shop.order_totals", "shop.customer_revenue", "reporting.region_revenue"),
                fixture.catalog().refreshed());
        RecordingNotificationService notices = fixture.notices;
        assertTrue(notices.notices().stream().anyMatch(n -> n.severity() == Severity.ERROR
                && n.title().equals("Refresh of shop.customer_revenue failed")
                && n.message().contains("division by zero")), notices.titles().toString());
        assertTrue(queue.outcomes().get(1).failed());
    }

    @Test
    void manyTablesAreToldInOneNoticeAtTheEnd() {
        fixture.select(new CatalogItem.Database(fixture.catalog.databaseName()));
        queue.refreshNowCommand().execute();
        assertEquals(4, fixture.catalog().refreshed().size());
        assertEquals(List.of("Refreshed 4 stream tables"), fixture.notices.titles().stream()
                .filter(t -> t.startsWith("Refreshed")).toList());
        assertEquals("4 differential · 16 ms in all", message("Refreshed 4 stream tables"));
    }

    @Test
    void cancellingTheRunningRefreshDropsTheTablesStillWaiting() {
        QueuedTaskExecutor queued = new QueuedTaskExecutor();
        RefreshQueue slow = new RefreshQueue(fixture.catalog, queued, fixture.notices, fixture.selection);
        slow.refresh(List.of("reporting.region_revenue", "shop.order_totals", "shop.customer_revenue"), true);

        assertEquals("Refresh shop.order_totals", queued.nextTitle());
        assertTrue(fixture.catalog.refreshing().contains("shop.order_totals"), "drawn as refreshing meanwhile");
        assertEquals("refreshing", fixture.catalog.statusStyle("shop.order_totals").getValue());
        queued.runNext();
        assertEquals("Refresh shop.customer_revenue", queued.nextTitle());
        queued.cancelNext();
        queued.runAll();

        assertEquals(List.of("shop.order_totals"), fixture.catalog().refreshed());
        assertTrue(fixture.catalog.refreshing().isEmpty());
        assertEquals("shop.customer_revenue may still finish in the database; not refreshed: reporting.region_revenue.",
                message("Refresh cancelled"));
        assertFalse(slow.busyProperty().get());
    }

    private String message(String title) {
        return fixture.notices.notices().stream().filter(n -> n.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no notice " + title + " in " + fixture.notices.titles()))
                .message();
    }
}
