package io.trickle.desktop.views.dag;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogFixture;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class DependenciesViewModelTest {

    private final CatalogFixture fixture = CatalogFixture.withShop();
    private final DependenciesViewModel model = new DependenciesViewModel(fixture.catalog, fixture.selection);

    private static final CatalogItem.Relation TOTALS = CatalogItem.Relation.streamTable("shop.order_totals");
    private static final CatalogItem.Relation ORDERS = new CatalogItem.Relation("shop.orders", DependencyGraph.Kind.TABLE);

    @Test
    void theGraphHoldsStreamTablesAndSourcesWithEdgesAsDataFlows() {
        assertNull(model.graphProperty().get());
        fixture.connect();
        Graph<CatalogItem.Relation, DefaultEdge> graph = model.graphProperty().get();
        assertEquals(7, graph.vertexSet().size(), "four stream tables and three sources");
        assertTrue(graph.containsEdge(ORDERS, TOTALS));
        assertTrue(graph.containsEdge(TOTALS, CatalogItem.Relation.streamTable("shop.customer_revenue")));
        assertEquals("30s · DIFFERENTIAL", model.captionOf(TOTALS).getValue());
        assertEquals("table", model.captionOf(ORDERS).getValue());
    }

    @Test
    void aStatusChangeRecoloursWithoutANewGraph() {
        fixture.connect();
        Graph<CatalogItem.Relation, DefaultEdge> before = model.graphProperty().get();
        var status = model.statusOf(TOTALS);
        assertEquals("fresh", status.getValue());
        fixture.catalog().replace(new StreamTableInfo("shop.order_totals", "ERROR", RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, "30s",
                Instant.now(), 1.0, 1, "boom", null, null, null, null));
        fixture.catalog.reload();
        assertEquals("error", status.getValue());
        assertSame(before, model.graphProperty().get(), "same shape, same graph: no new layout");
        assertNull(model.statusOf(ORDERS).getValue(), "sources have no status");

        fixture.catalog().table("shop.new_one", "1m", "shop.orders");
        fixture.catalog.reload();
        assertTrue(model.graphProperty().get() != before, "a new table is a new shape");
    }

    @Test
    void cyclesAreLabelledWithTheirScc() {
        fixture.catalog().scc("shop.order_totals", 3).scc("shop.customer_revenue", 3);
        fixture.connect();
        var label = model.sccLabel(Set.of(TOTALS, CatalogItem.Relation.streamTable("shop.customer_revenue")));
        assertEquals("SCC 3 · 2 tables · not run yet", label.getValue());
        for (String member : List.of("shop.order_totals", "shop.customer_revenue")) {
            fixture.catalog().replace(new io.trickle.engine.api.StreamTableInfo(member, "ACTIVE", io.trickle.engine.api.RefreshMode.DIFFERENTIAL,
                    io.trickle.engine.api.EffectiveMode.DIFFERENTIAL, "1m", java.time.Instant.now(), 1.0, 0, null, null, null, 3, 4));
        }
        fixture.connect();
        assertEquals("SCC 3 · 2 tables · 4 iterations", label.getValue(), "the label follows the catalog's reads");
    }

    @Test
    void selectionGoesBothWays() {
        fixture.connect();
        model.select(List.of(TOTALS));
        assertEquals(DependenciesViewModel.PART_ID, fixture.selection.current().sourceId());
        fixture.selection.publish("navigator", List.of(ORDERS, new CatalogItem.Schema("shop")));
        assertEquals(List.of(ORDERS), model.shownSelectionProperty().get());
    }
}
