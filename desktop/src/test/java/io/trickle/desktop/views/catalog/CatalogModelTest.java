package io.trickle.desktop.views.catalog;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogModelTest {

    @Test
    void readsTheCatalogWhenASessionWithACurrentCatalogOpens() {
        CatalogFixture fixture = CatalogFixture.withShop();
        assertEquals(CatalogModel.State.NOT_CONNECTED, fixture.catalog.stateProperty().get());
        fixture.connect();
        assertEquals(CatalogModel.State.READY, fixture.catalog.stateProperty().get());
        assertEquals(4, fixture.catalog.snapshot().tables().size());
        assertEquals(List.of("shop.customers", "shop.order_totals"), fixture.catalog.snapshot().sourcesOf("shop.customer_revenue"));

        fixture.session.disconnect();
        assertEquals(CatalogModel.State.NOT_CONNECTED, fixture.catalog.stateProperty().get());
        assertTrue(fixture.catalog.snapshot().tables().isEmpty());
    }

    @Test
    void aDatabaseWithoutCatalogShowsNothingUntilItIsInstalled() {
        CatalogFixture fixture = new CatalogFixture();
        fixture.engine.withoutCatalog();
        fixture.dialogs.fillForm(java.util.Map.of("password", "right")).confirmWith(false);
        fixture.session.connect(CatalogFixture.PROD);
        assertEquals(CatalogModel.State.NO_CATALOG, fixture.catalog.stateProperty().get());
        assertEquals("No Trickle catalog", EmptyStates.of(fixture.catalog.stateProperty().get(), "", true).title());

        fixture.dialogs.confirmWith(true);
        fixture.session.offerInstall();
        assertEquals(CatalogModel.State.READY, fixture.catalog.stateProperty().get());
    }

    @Test
    void anOutdatedCatalogAsksForTheUpgradeFirst() {
        CatalogFixture fixture = new CatalogFixture();
        fixture.engine.withCatalog("0.5.0");
        fixture.dialogs.confirmWith(false);
        fixture.connect();
        assertEquals(CatalogModel.State.OUTDATED_CATALOG, fixture.catalog.stateProperty().get());
        assertTrue(EmptyStates.of(fixture.catalog.stateProperty().get(), fixture.catalog.problemProperty().get(), true)
                .hint().contains("Install or Upgrade Catalog"));
    }

    @Test
    void theEmbeddedDemoGetsTheSampleOnceWhenItsCatalogIsEmpty() {
        CatalogFixture fixture = new CatalogFixture().connectDemo();
        assertEquals(1, fixture.engine.sampleInstalls());
        assertTrue(fixture.notices.titles().contains("Demo ready"));
        assertEquals(List.of("shop.order_totals"), fixture.catalog.snapshot().tables().stream().map(StreamTableInfo::name).toList());

        fixture.catalog.reload();
        assertEquals(1, fixture.engine.sampleInstalls(), "offered once per session");
    }

    @Test
    void anOrdinaryDatabaseNeverGetsTheSample() {
        CatalogFixture fixture = new CatalogFixture().connect();
        assertEquals(0, fixture.engine.sampleInstalls());
        assertTrue(fixture.catalog.snapshot().tables().isEmpty());
        assertEquals("No stream tables yet", EmptyStates.of(fixture.catalog.stateProperty().get(), "", true).title());
    }

    @Test
    void theLastRefreshIsTheLatestOfAnyTable() {
        CatalogFixture fixture = CatalogFixture.withShop();
        Instant later = Instant.parse("2030-01-01T12:00:00Z");
        fixture.catalog().replace(new StreamTableInfo("reporting.category_sales", "ACTIVE", RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, "5m",
                later, 1.0, 0, null, null, null, null, null));
        fixture.connect();
        assertTrue(fixture.catalog.lastRefreshProperty().get().endsWith(" · reporting.category_sales"),
                fixture.catalog.lastRefreshProperty().get());
    }

    @Test
    void selectedItemsStandForTheirStreamTables() {
        CatalogFixture fixture = CatalogFixture.withShop().connect();
        assertEquals(List.of("reporting.region_revenue", "reporting.category_sales"),
                fixture.catalog.streamTablesOf(List.of(new CatalogItem.Schema("reporting"))));
        assertEquals(4, fixture.catalog.streamTablesOf(List.of(new CatalogItem.Database("db"))).size());
        assertEquals(List.of("shop.order_totals"), fixture.catalog.streamTablesOf(List.of(
                CatalogItem.Relation.streamTable("shop.order_totals"), CatalogItem.Relation.streamTable("shop.order_totals"))));
    }
}
