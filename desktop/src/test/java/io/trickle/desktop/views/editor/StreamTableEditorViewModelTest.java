package io.trickle.desktop.views.editor;

import io.trickle.engine.api.EffectiveMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.DialogService.Confirmation;
import io.trickle.desktop.services.StreamTableDraft;
import io.trickle.desktop.views.catalog.CatalogFixture;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.engine.api.ValidationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTableEditorViewModelTest {

    private final CatalogFixture fixture = CatalogFixture.withShop().connect();
    private final StreamTableEditors editors = new StreamTableEditors(fixture.catalog, fixture.tasks, fixture.dialogs,
            fixture.notices, fixture.selection);

    private StreamTableEditorViewModel newEditor() {
        editors.openNew();
        return editors.openEditors().get(editors.openEditors().size() - 1);
    }

    private StreamTableEditorViewModel editorOf(String name) {
        editors.open(name);
        return editors.openEditors().stream().filter(e -> e.tableName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theInputIsCheckedBeforeAnythingIsSent() {
        StreamTableEditorViewModel editor = newEditor();
        assertEquals("Name the stream table: [schema.]name.", editor.problem().get());
        assertFalse(editor.saveCommand().canExecute());

        editor.nameProperty().set("shop.bad name");
        assertEquals("Invalid name 'shop.bad name': character ' ' needs double quotes.", editor.problem().get());
        editor.nameProperty().set("shop.big_orders");
        assertEquals("Write the query that defines the stream table.", editor.problem().get());
        editor.queryProperty().set("SELECT * FROM shop.orders WHERE status = 'open'");
        editor.scheduleProperty().set("soon");
        assertTrue(editor.problem().get().startsWith("Invalid schedule 'soon': expected a duration such as 30s"),
                editor.problem().get());
        editor.scheduleProperty().set("*/5 * * * *");
        assertEquals("", editor.problem().get());
        editor.modeProperty().set("FAST");
        assertTrue(editor.problem().get().startsWith("Unknown refresh mode 'FAST'"), editor.problem().get());
        assertFalse(editor.validateCommand().canExecute(), "a bad mode is not sent to Validate either");
        editor.modeProperty().set("DIFFERENTIAL");

        assertTrue(editor.saveCommand().canExecute());
        assertEquals(0, fixture.catalog().validated().size() + fixture.catalog().created().size(), "nothing sent yet");
    }

    @Test
    void validateShowsTheModeTheTreeAndTheDeltaWithoutCreating() {
        StreamTableEditorViewModel editor = newEditor();
        editor.queryProperty().set("SELECT id FROM shop.orders");
        assertNull(editor.validationProperty().get());
        editor.validateCommand().execute();

        assertEquals(List.of("AUTO: SELECT id FROM shop.orders"), fixture.catalog().validated());
        ValidationResult result = editor.validationProperty().get();
        assertTrue(result.differential());
        assertEquals("DIFFERENTIAL: refreshes apply only the changes", StreamTableEditorViewModel.verdict(result));
        assertTrue(fixture.catalog().created().isEmpty());
        assertFalse(editor.validationOutdated().get());

        editor.queryProperty().set("SELECT id, status FROM shop.orders");
        assertTrue(editor.validationOutdated().get(), "a changed query makes the verdict outdated");
    }

    @Test
    void validateSaysWhyNotDifferential() {
        fixture.catalog().validateAs(new ValidationResult(EffectiveMode.FULL, "uses window function rank()", List.of("r bigint"),
                null, null, null, List.of()));
        StreamTableEditorViewModel editor = newEditor();
        editor.queryProperty().set("SELECT rank() OVER () AS r FROM shop.orders");
        editor.validateCommand().execute();
        assertEquals("FULL: every refresh recomputes the query, because uses window function rank()",
                StreamTableEditorViewModel.verdict(editor.validationProperty().get()));

        fixture.catalog().refuseValidation("the query cannot be maintained in DIFFERENTIAL mode: it uses window function rank()");
        editor.modeProperty().set("DIFFERENTIAL");
        editor.validateCommand().execute();
        assertNull(editor.validationProperty().get());
        assertEquals("The query cannot be maintained in DIFFERENTIAL mode: it uses window function rank()",
                editor.validationErrorProperty().get());
    }

    @Test
    void createShowsTheCommandAsksAndThenEditsTheNewTable() {
        StreamTableEditorViewModel editor = newEditor();
        editor.nameProperty().set("shop.open_orders");
        editor.queryProperty().set("SELECT id FROM shop.orders WHERE status = 'open'");
        editor.scheduleProperty().set("10S");
        String command = "java -jar engine/target/trickle.jar create shop.open_orders --query 'SELECT id FROM shop.orders "
                + "WHERE status = '\\''open'\\''' --schedule 10s";
        assertEquals(command, editor.commandPreview().get());

        fixture.dialogs.confirmWith(false);
        editor.saveCommand().execute();
        assertTrue(fixture.catalog().created().isEmpty(), "nothing happens when the DBA says no");

        fixture.dialogs.confirmWith(true);
        editor.saveCommand().execute();
        Confirmation asked = fixture.dialogs.asked().get(1);
        assertEquals("Create stream table shop.open_orders?", asked.header());
        assertFalse(asked.destructive());
        assertEquals(command, asked.command());
        assertEquals(List.of(new StreamTableDraft("shop.open_orders", "SELECT id FROM shop.orders WHERE status = 'open'",
                "10s", "AUTO", true)), fixture.catalog().created());
        assertFalse(editor.isNew());
        assertEquals("shop.open_orders", editor.titleProperty().get());
        assertFalse(editor.dirty().get());
        assertTrue(fixture.notices.titles().contains("Created shop.open_orders"));
        assertTrue(fixture.catalog.table("shop.open_orders").isPresent(), "the catalog was read again");
    }

    @Test
    void anEngineRefusalIsShownAsASentence() {
        StreamTableEditorViewModel editor = newEditor();
        editor.nameProperty().set("shop.order_totals");
        editor.queryProperty().set("SELECT 1");
        fixture.dialogs.confirmWith(true);
        editor.saveCommand().execute();
        assertEquals(List.of("shop.order_totals not created: Stream table shop.order_totals already exists"),
                fixture.dialogs.errors());
        assertTrue(editor.isNew());
    }

    @Test
    void anExistingTableLoadsItsDefinitionAndAltersOnlyWhatChanged() {
        StreamTableEditorViewModel editor = editorOf("shop.order_totals");
        assertEquals("SELECT * FROM shop.orders", editor.queryProperty().get());
        assertEquals("30s", editor.scheduleProperty().get());
        assertFalse(editor.dirty().get());
        assertTrue(editor.validationProperty().get().differential(), "the current plan shows at once");

        editor.scheduleProperty().set("1m");
        editor.statusProperty().set("SUSPENDED");
        assertTrue(editor.dirty().get());
        assertEquals("java -jar engine/target/trickle.jar alter shop.order_totals --schedule 1m --status SUSPENDED",
                editor.commandPreview().get());
        fixture.dialogs.confirmWith(true);
        editor.saveCommand().execute();
        Confirmation asked = fixture.dialogs.asked().get(0);
        assertFalse(asked.destructive(), "a schedule and a status change keep the contents");
        assertTrue(asked.details().contains("suspended"), asked.details());
        assertEquals(List.of("shop.order_totals StreamTableChange[query=null, schedule=1m, mode=null, status=SUSPENDED]"),
                fixture.catalog().altered());
        assertFalse(editor.dirty().get());
    }

    @Test
    void aNewQueryIsAskedAboutAsDestructive() {
        StreamTableEditorViewModel editor = editorOf("shop.order_totals");
        editor.queryProperty().set("SELECT id FROM shop.orders");
        fixture.dialogs.confirmWith(false);
        editor.saveCommand().execute();
        Confirmation asked = fixture.dialogs.asked().get(0);
        assertTrue(asked.destructive());
        assertEquals("Alter and repopulate", asked.confirmLabel());
        assertTrue(asked.command().contains("alter shop.order_totals --query 'SELECT id FROM shop.orders'"));
        assertTrue(fixture.catalog().altered().isEmpty());

        editor.revertCommand().execute();
        assertEquals("SELECT * FROM shop.orders", editor.queryProperty().get());
        assertFalse(editor.dirty().get());
    }

    @Test
    void closingWithUnsavedChangesAsksFirst() {
        StreamTableEditorViewModel editor = newEditor();
        assertTrue(editor.mayClose(), "nothing typed, nothing to lose");
        editor.nameProperty().set("shop.x");
        fixture.dialogs.confirmWith(false);
        assertFalse(editor.mayClose());
        assertEquals("Discard the changes to New stream table?", fixture.dialogs.asked().get(0).header());
    }

    @Test
    void dropAsksWithTheReadersThatGoWithItAndClosesTheirEditors() {
        StreamTableEditorViewModel totals = editorOf("shop.order_totals");
        StreamTableEditorViewModel revenue = editorOf("shop.customer_revenue");
        fixture.dialogs.confirmWith(true);
        totals.dropCommand().execute();

        Confirmation asked = fixture.dialogs.asked().get(0);
        assertTrue(asked.destructive());
        assertEquals("Drop stream table shop.order_totals and 2 that read it?", asked.header());
        assertTrue(asked.details().contains("shop.customer_revenue, reporting.region_revenue"), asked.details());
        assertEquals("java -jar engine/target/trickle.jar drop shop.order_totals --cascade", asked.command());
        assertEquals("Drop 3 tables", asked.confirmLabel());
        assertFalse(fixture.catalog().has("shop.customer_revenue"));
        assertTrue(editors.openEditors().isEmpty(), "editors of dropped tables close: " + revenue.tableName());
    }

    @Test
    void editAndDropActOnTheOneSelectedStreamTable() {
        assertFalse(editors.editCommand().canExecute());
        fixture.select(CatalogItem.Relation.streamTable("reporting.category_sales"));
        assertTrue(editors.editCommand().canExecute());
        editors.editCommand().execute();
        editors.editCommand().execute();
        assertEquals(1, editors.openEditors().size(), "one editor per table");

        fixture.select(new CatalogItem.Schema("shop"));
        assertFalse(editors.dropCommand().canExecute(), "a schema is not dropped from here");
        fixture.select(CatalogItem.Relation.streamTable("reporting.category_sales"));
        fixture.dialogs.confirmWith(false);
        editors.dropCommand().execute();
        assertTrue(fixture.catalog().has("reporting.category_sales"));
        assertEquals("Drop stream table reporting.category_sales?", fixture.dialogs.asked().get(0).header());
    }

    @Test
    void validateAndSaveFromTheMenuActOnTheEditorInFront() {
        StreamTableEditorViewModel editor = newEditor();
        assertFalse(editors.validateCommand().canExecute(), "no editor in front yet");
        editors.activeProperty().set(editor);
        assertFalse(editors.validateCommand().canExecute(), "nothing to validate");
        editor.queryProperty().set("SELECT 1");
        assertTrue(editors.validateCommand().canExecute());
        editors.validateCommand().execute();
        assertEquals(List.of("AUTO: SELECT 1"), fixture.catalog().validated());
        fixture.session.disconnect();
        assertTrue(editors.openEditors().isEmpty(), "disconnecting closes the editors");
    }
}
