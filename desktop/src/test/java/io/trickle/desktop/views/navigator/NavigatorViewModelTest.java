package io.trickle.desktop.views.navigator;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogFixture;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.StreamTableState;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NavigatorViewModelTest {

    private final CatalogFixture fixture = CatalogFixture.withShop();
    private final NavigatorViewModel model = new NavigatorViewModel(fixture.catalog, fixture.selection);

    @Test
    void saysWhyThereIsNoTreeBeforeConnecting() {
        assertNull(model.rootProperty().get());
        assertEquals("Not connected", model.emptyProperty().get().title());
    }

    @Test
    void showsSchemasWithTheirStreamTablesThenTheirSourcesThenCyclesAndWatermarkGroups() {
        fixture.connect();
        NavigatorNode root = model.rootProperty().get();
        assertEquals(List.of("reporting", "shop", "Cycles (SCCs)", "Watermark groups"), labels(root.children()));
        NavigatorNode shop = root.children().get(1);
        assertEquals(List.of("customer_revenue", "order_totals", "customers", "order_items", "orders"),
                labels(shop.children()));
        assertEquals("2 stream tables", shop.detail());
        NavigatorNode revenue = shop.children().get(0);
        assertEquals(List.of("shop.customers", "shop.order_totals"), labels(revenue.children()),
                "a stream table's sources are listed under it");
        assertEquals(StreamTableState.FRESH, revenue.state());
        assertEquals("calculated · diff", revenue.detail());
        assertEquals(StreamTableState.FRESH, revenue.children().get(1).state(), "a stream table read as a source keeps its state");
        assertNull(revenue.children().get(0).state());
        assertEquals("table · read by 1", shop.children().get(2).detail());
    }

    @Test
    void watermarkGroupsAreListedWithTheirVerdictAndSources() {
        fixture.catalog().watermarkGroup("feeds", java.time.Duration.ofMinutes(15), "shop.orders", "shop.customers")
                .watermark("shop.orders", java.time.Instant.parse("2026-01-01T12:00:00Z"))
                .watermark("shop.customers", java.time.Instant.parse("2026-01-01T11:00:00Z"))
                .watermarkGroup("quiet", java.time.Duration.ZERO, "shop.products", "shop.orders");
        fixture.connect();
        NavigatorNode watermarks = model.rootProperty().get().children().get(3);
        assertEquals(new CatalogItem.WatermarkGroups(), watermarks.item());
        assertEquals("2 · 2 misaligned", watermarks.detail());
        NavigatorNode feeds = watermarks.children().get(0);
        assertEquals(new CatalogItem.WatermarkGroup("feeds"), feeds.item());
        assertEquals("misaligned · lag 1 h", feeds.detail());
        assertEquals(List.of("shop.orders", "shop.customers"), feeds.children().stream().map(NavigatorNode::label).toList());
        assertEquals("misaligned · 1 without a watermark", watermarks.children().get(1).detail(), "shop.products has none");

        fixture.catalog().watermark("shop.customers", java.time.Instant.parse("2026-01-01T11:50:00Z"));
        fixture.connect();
        assertEquals("aligned", model.rootProperty().get().children().get(3).children().get(0).detail());
    }

    @Test
    void aCatalogWithoutWatermarksStillShowsItsTables() {
        fixture.catalog().withoutWatermarks("the catalog predates watermarks");
        fixture.connect();
        NavigatorNode watermarks = model.rootProperty().get().children().get(3);
        assertEquals("none", watermarks.detail());
        assertTrue(watermarks.children().isEmpty());
        assertEquals(4, model.rootProperty().get().children().size());
    }

    @Test
    void cyclesAreListedByTheirSccWithTheirMembers() {
        fixture.catalog().scc("shop.order_totals", 7).scc("shop.customer_revenue", 7);
        fixture.connect();
        NavigatorNode cycles = model.rootProperty().get().children().get(2);
        assertEquals("1", cycles.detail());
        NavigatorNode scc = cycles.children().get(0);
        assertEquals(new CatalogItem.Scc(7), scc.item());
        assertEquals(List.of("shop.customer_revenue", "shop.order_totals"), labels(scc.children()));
    }

    @Test
    void statesFollowTheCatalogAndRefreshesUnderWay() {
        fixture.catalog().replace(new StreamTableInfo("shop.order_totals", "ERROR", RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, "30s",
                Instant.now(), 5.0, 3, "division by zero", null, null, null, null));
        fixture.connect();
        assertEquals(StreamTableState.ERROR, line("shop.order_totals").state());
        assertTrue(line("shop.order_totals").tooltip().contains("last error: division by zero"));
        fixture.catalog.markRefreshing("reporting.region_revenue", true);
        assertEquals(StreamTableState.REFRESHING, line("reporting.region_revenue").state());
    }

    @Test
    void theFilterKeepsMatchingRelationsAndTheirSchemas() {
        fixture.connect();
        model.filterProperty().set("REVENUE");
        NavigatorNode root = model.rootProperty().get();
        assertEquals(List.of("reporting", "shop"), labels(root.children()));
        assertEquals(List.of("region_revenue"), labels(root.children().get(0).children()));
        assertEquals(List.of("customer_revenue"), labels(root.children().get(1).children()));
    }

    @Test
    void selectionIsPublishedAndFollowedFromOtherViews() {
        fixture.connect();
        CatalogItem.Relation totals = CatalogItem.Relation.streamTable("shop.order_totals");
        model.select(List.of(totals));
        assertEquals(NavigatorViewModel.PART_ID, fixture.selection.current().sourceId());
        assertEquals(List.of(totals), fixture.selection.current().items());

        CatalogItem.Relation orders = new CatalogItem.Relation("shop.orders", DependencyGraph.Kind.TABLE);
        fixture.selection.publish("dag", List.of(orders));
        assertEquals(List.of(orders), model.shownSelectionProperty().get());
        fixture.selection.publish("connections", List.of(CatalogFixture.PROD));
        assertEquals(List.of(orders), model.shownSelectionProperty().get(), "a profile selection leaves the tree alone");
    }

    @Test
    void anEmptyCatalogSaysHowToCreateAStreamTable() {
        CatalogFixture empty = new CatalogFixture();
        NavigatorViewModel navigator = new NavigatorViewModel(empty.catalog, empty.selection);
        empty.connect();
        assertNotNull(navigator.rootProperty().get());
        assertEquals("No stream tables yet", navigator.emptyProperty().get().title());
    }

    private NavigatorNode line(String name) {
        return model.rootProperty().get().find(CatalogItem.Relation.streamTable(name)).orElseThrow();
    }

    private static List<String> labels(List<NavigatorNode> nodes) {
        return nodes.stream().map(NavigatorNode::label).toList();
    }
}
