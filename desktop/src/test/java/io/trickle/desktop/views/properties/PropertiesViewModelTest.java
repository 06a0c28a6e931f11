package io.trickle.desktop.views.properties;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogFixture;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.properties.PropertySection.Emphasis;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropertiesViewModelTest {

    private final CatalogFixture fixture = CatalogFixture.withShop();
    private final PropertiesViewModel model = new PropertiesViewModel(fixture.catalog, fixture.selection, fixture.tasks);

    @Test
    void aStreamTableShowsItsStateModeScheduleColumnsSourcesAndReaders() {
        fixture.connect();
        fixture.select(CatalogItem.Relation.streamTable("shop.customer_revenue"));
        assertEquals("shop.customer_revenue", model.headingProperty().get());
        assertEquals(List.of("Stream table", "Storage table", "Indexes", "Grants", "Sources", "Read by", "Columns",
                "Maintenance"), titles());
        assertEquals("5", section("Storage table").value("Rows"));
        assertEquals("16 kB (table 8.0 kB, indexes 8.0 kB)", section("Storage table").value("Size"));
        assertEquals("SELECT, INSERT", section("Grants").value("trickle"));
        PropertySection table = section("Stream table");
        assertEquals("fresh · ACTIVE", table.value("State"));
        assertEquals("AUTO", table.value("Refresh mode"));
        assertEquals("DIFFERENTIAL", table.value("Runs as"));
        assertEquals("calculated", table.value("Schedule"));
        assertEquals("1 s", table.value("Staleness"));
        assertEquals(List.of("shop.customers", "shop.order_totals"), values("Sources"));
        assertEquals(List.of("reporting.region_revenue"), values("Read by"));
        assertEquals(List.of("integer", "numeric"), values("Columns"), "engine columns (__pgt_) are left out");
    }

    @Test
    void aFailingTableShowsItsErrorHighlighted() {
        fixture.catalog().replace(new StreamTableInfo("shop.order_totals", "ERROR", RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, "30s",
                Instant.now(), 120.0, 3, "refresh of shop.order_totals failed: division by zero", null, null, null, null));
        fixture.connect();
        fixture.select(CatalogItem.Relation.streamTable("shop.order_totals"));
        PropertySection table = section("Stream table");
        PropertySection.Row error = table.rows().stream().filter(r -> r.key().equals("Last error")).findFirst().orElseThrow();
        assertEquals(Emphasis.ERROR, error.emphasis());
        assertTrue(error.value().contains("division by zero"));
        assertEquals("error · ERROR", table.value("State"));
        assertEquals("3", table.value("Failures in a row"));
    }

    @Test
    void aSourceShowsTheStreamTablesThatReadIt() {
        fixture.connect();
        fixture.select(new CatalogItem.Relation("shop.order_totals", DependencyGraph.Kind.STREAM_TABLE),
                new CatalogItem.Schema("shop"));
        fixture.select(new CatalogItem.Relation("shop.customers", DependencyGraph.Kind.TABLE));
        assertEquals(List.of("Source", "Storage", "Indexes", "Grants", "Read by"), titles());
        assertEquals("table", section("Source").value("Kind"));
        assertEquals(List.of("shop.customer_revenue"), values("Read by"));
    }

    @Test
    void aWatermarkGroupShowsItsSourcesToleranceAndLag() {
        fixture.catalog().watermarkGroup("feeds", java.time.Duration.ofMinutes(15), "shop.orders", "shop.customers")
                .watermark("shop.orders", Instant.parse("2026-01-01T12:00:00Z"))
                .watermark("shop.customers", Instant.parse("2026-01-01T11:00:00Z"));
        fixture.connect();
        fixture.select(new CatalogItem.WatermarkGroups());
        assertEquals("1", section("Watermark groups").value("Groups"));
        assertEquals("1", section("Watermark groups").value("Misaligned"));
        fixture.select(new CatalogItem.WatermarkGroup("feeds"));
        assertEquals("shop.orders\nshop.customers", section("Watermark group").value("Sources"));
        assertEquals("15 min", section("Watermark group").value("Tolerance"));
        assertEquals("no", section("Watermark group").value("Aligned"));
        assertEquals("1 h", section("Watermark group").value("Lag"));
        assertEquals("2026-01-01T11:00:00Z", section("Watermark group").value("Oldest watermark"));
    }

    @Test
    void aSchemaAndTheDatabaseCountTheirTablesAndProblems() {
        fixture.catalog().replace(new StreamTableInfo("reporting.category_sales", "SUSPENDED", RefreshMode.AUTO, EffectiveMode.FULL, "5m",
                Instant.now(), 1.0, 0, null, null, null, null, null));
        fixture.connect();
        fixture.select(new CatalogItem.Schema("reporting"));
        assertEquals("2", section("Schema").value("Stream tables"));
        assertEquals("1", section("Schema").value("Suspended"));
        fixture.select(new CatalogItem.Database("db"));
        assertEquals("4", section("Database").value("Stream tables"));
        assertEquals("3", section("Database").value("Sources"));
    }

    @Test
    void nothingSelectedShowsNothing() {
        fixture.connect();
        fixture.select();
        assertTrue(model.sections().isEmpty());
    }

    private List<String> titles() {
        return model.sections().stream().map(PropertySection::title).toList();
    }

    private PropertySection section(String title) {
        return model.sections().stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + title + " in " + titles()));
    }

    private List<String> values(String title) {
        return section(title).rows().stream().map(PropertySection.Row::value).toList();
    }
}
