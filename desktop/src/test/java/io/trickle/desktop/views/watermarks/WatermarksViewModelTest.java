package io.trickle.desktop.views.watermarks;

import static io.trickle.desktop.services.PasswordFiles.NO_PASSWORD_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.DirectTaskExecutor;
import io.trickle.desktop.services.FakeEngineService;
import io.trickle.desktop.services.InMemorySecretStore;
import io.trickle.desktop.services.RecordingNotificationService;
import io.trickle.desktop.services.ScriptedDialogService;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.connections.Credentials;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.desktop.views.watermarks.WatermarkCards.Card;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarksViewModelTest {

    static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final DirectTaskExecutor tasks = new DirectTaskExecutor();
    private final RecordingNotificationService notices = new RecordingNotificationService();
    private final FakeEngineService engine = new FakeEngineService("right").withCatalog(FakeEngineService.LATEST);
    private final SessionViewModel session = new SessionViewModel(engine,
            new Credentials(new InMemorySecretStore(), NO_PASSWORD_FILE, dialogs, tasks), tasks, dialogs, notices);
    private final CatalogModel catalog = new CatalogModel(session, tasks, notices);
    private final WatermarksViewModel model = new WatermarksViewModel(catalog, tasks, dialogs, notices, ZoneOffset.UTC);

    /** Two ETL feeds in a group; a stream table joins them, another reads that one, a third only one feed. */
    private void etlPipeline() {
        engine.catalog()
                .table("etl.settled_orders", "1m", "etl.payments_feed", "etl.shipments_feed")
                .table("reporting.daily_settled", "5m", "etl.settled_orders")
                .table("reporting.payments_only", "5m", "etl.payments_feed")
                .watermarkGroup("etl_feeds", Duration.ofMinutes(15), "etl.payments_feed", "etl.shipments_feed")
                .watermark("etl.payments_feed", NOON)
                .watermark("etl.shipments_feed", NOON.minus(Duration.ofHours(1)))
                .skipped("etl.settled_orders", "watermark_misaligned: group etl_feeds waits for etl.shipments_feed");
    }

    private void connect() {
        session.connect(ConnectionProfile.embeddedDemo());
    }

    @Test
    void aMisalignedGroupNamesItsLaggingSourceAndWhatItHoldsBack() {
        etlPipeline();
        connect();

        assertEquals(1, model.cards().size());
        Card card = model.cards().get(0);
        assertFalse(card.aligned());
        assertEquals("etl.shipments_feed", card.lagging());
        assertEquals(Duration.ofHours(1), card.laggingBy());
        assertEquals("misaligned · etl.shipments_feed is 1 h behind (tolerance 15 min)", card.verdict());
        assertTrue(card.sources().get(1).lagging());
        assertFalse(card.sources().get(0).lagging());
        assertTrue(card.sources().get(1).position() < card.bandStart(), "the lagging source is left of the band");
        assertTrue(card.sources().get(0).position() <= card.bandEnd() + 1e-9);
        assertEquals(List.of("etl.settled_orders", "reporting.daily_settled"),
                card.gated().stream().map(WatermarkCards.Gated::streamTable).toList(),
                "tables with both feeds beneath them, directly or through a stream table");
        assertTrue(card.gated().get(0).lastSkip().reason().contains("watermark_misaligned"));
        assertNull(card.gated().get(1).lastSkip());
        assertEquals("etl_feeds", model.selectedProperty().get(), "the misaligned group is chosen");
        assertNull(model.emptyProperty().get());
    }

    @Test
    void theCardsAreDrawnFromTheCatalogReadTheNavigatorUsesAndFollowItsEvents() {
        etlPipeline();
        connect();
        assertFalse(model.cards().get(0).aligned());
        assertTrue(model.cards().get(0).gated().get(0).heldBack());
        engine.catalog().watermark("etl.shipments_feed", NOON);
        engine.catalog().replace(new io.trickle.engine.api.StreamTableInfo("etl.settled_orders", "ACTIVE", io.trickle.engine.api.RefreshMode.AUTO,
                io.trickle.engine.api.EffectiveMode.DIFFERENTIAL, "1m", Instant.now().plusSeconds(5), 0.0, 0, null, null, null, null, null));
        int reads = tasks.executed();
        catalog.changed(new io.trickle.engine.api.EngineEvent(io.trickle.engine.api.EngineEvent.Kind.WATERMARK_CHANGED,
                null, "etl.shipments_feed", ""));
        assertEquals(reads + 1, tasks.executed(), "one read for the event, shared with the navigator");
        Card card = model.cards().get(0);
        assertTrue(card.aligned());
        assertEquals(catalog.snapshot().watermarkStatus().get(0).aligned(), card.aligned(), "the same verdict");
        WatermarkCards.Gated settled = card.gated().get(0);
        assertFalse(settled.heldBack(), "refreshed after its last skip: no longer held back");
        assertTrue(model.gatedText(settled).startsWith("refreshed ") && model.gatedText(settled).contains("last skipped"),
                model.gatedText(settled));
        assertTrue(model.gatedText(card.gated().get(1)).endsWith("no skipped refresh in the recent history"),
                model.gatedText(card.gated().get(1)));
    }

    @Test
    void advancingTheLaggingSourceAsksFirstAndAlignsTheGroup() {
        etlPipeline();
        connect();
        dialogs.fillForm(Map.of()).confirmWith(true);
        model.advanceCommand().execute();

        assertEquals("etl.shipments_feed", dialogs.shownForms().get(0).fields().get(0).initial(),
                "the lagging source is suggested");
        assertEquals("2026-03-01 12:00:00", dialogs.shownForms().get(0).fields().get(1).initial(),
                "up to the newest watermark of the group");
        assertTrue(dialogs.asked().get(0).details().contains("only move forward"));
        assertTrue(dialogs.asked().get(0).command().startsWith("trickle watermark advance etl.shipments_feed"));
        assertEquals(List.of("advance etl.shipments_feed 2026-03-01T12:00:00Z"), engine.catalog().watermarkEdits());
        assertTrue(model.cards().get(0).aligned());
    }

    @Test
    void anOlderWatermarkIsRefusedInTheFormWithTheRuleExplained() {
        etlPipeline();
        connect();
        dialogs.fillForm(Map.of("source", "etl.payments_feed", "watermark", "2026-03-01 11:00"));
        AssertionError refused = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> model.advanceCommand().execute());
        assertTrue(refused.getMessage().contains("Watermarks only move forward"), refused.getMessage());
        assertTrue(engine.catalog().watermarkEdits().isEmpty(), "nothing was sent");
    }

    @Test
    void theEnginesRefusalOfAnOlderWatermarkIsExplainedToo() {
        etlPipeline();
        connect();
        dialogs.confirmWith(true);
        model.perform(new WatermarkEdit.Advance("etl.payments_feed", NOON, NOON.minusSeconds(60)));
        assertTrue(dialogs.errors().get(0).contains("may not move backward"), dialogs.errors().toString());
        assertTrue(dialogs.errors().get(0).contains("Watermarks only move forward"), dialogs.errors().toString());
    }

    @Test
    void createChangeAndDropAGroupAreCheckedBeforeTheyAreSent() {
        etlPipeline();
        connect();
        dialogs.fillForm(Map.of("name", "nightly", "sources", "etl.payments_feed, etl.shipments_feed, etl.refunds",
                "tolerance", "1h30m"));
        model.newGroupCommand().execute();
        var form = dialogs.shownForms().get(0);
        assertEquals("There is a watermark group etl_feeds already.", form.validation().apply(values(
                Map.of("name", "etl_feeds", "sources", "a.b, c.d", "tolerance", "0"))).orElseThrow());
        assertTrue(form.validation().apply(values(Map.of("name", "x", "sources", "a.b", "tolerance", "0")))
                .orElseThrow().contains("at least two sources"));
        assertTrue(form.validation().apply(values(Map.of("name", "x", "sources", "a.b c.d", "tolerance", "soon")))
                .orElseThrow().contains("duration"));
        assertEquals(List.of("create nightly [etl.payments_feed, etl.shipments_feed, etl.refunds] PT1H30M"),
                engine.catalog().watermarkEdits());

        model.selectedProperty().set("etl_feeds");
        dialogs.fillForm(Map.of("tolerance", "2h")).confirmWith(true);
        model.editGroupCommand().execute();
        assertTrue(dialogs.asked().get(0).details().contains("dropped and created again"));
        assertEquals(Duration.ofHours(2), engine.catalog().groups().get("etl_feeds").tolerance());
        assertTrue(model.cards().stream().filter(c -> c.name().equals("etl_feeds")).findFirst().orElseThrow().aligned());

        dialogs.confirmWith(false);
        model.dropGroupCommand().execute();
        assertTrue(engine.catalog().groups().containsKey("etl_feeds"), "declined: nothing dropped");
        dialogs.confirmWith(true);
        model.dropGroupCommand().execute();
        assertFalse(engine.catalog().groups().containsKey("etl_feeds"));
        assertEquals(List.of("nightly"), model.cards().stream().map(Card::name).toList());
    }

    @Test
    void aCatalogWithoutWatermarksSaysSo() {
        engine.catalog().withoutWatermarks("the Trickle catalog of shop (version 0.6.1) predates watermarks;"
                + " upgrade it with 'trickle install'");
        connect();
        assertEquals("Watermarks not read", model.emptyProperty().get().title());
        String hint = model.emptyProperty().get().hint();
        assertTrue(hint.contains("predates watermarks; upgrade it with 'trickle install'"), hint);
        assertFalse(model.newGroupCommand().canExecute());
    }

    @Test
    void durationsAndTimestampsReadAsTyped() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m").orElseThrow());
        assertEquals(Duration.ofSeconds(45), Durations.parse("45").orElseThrow());
        assertTrue(Durations.parse("1h soon").isEmpty());
        assertEquals("1 h 30 min", Durations.text(Duration.ofMinutes(90)));
        assertEquals("1h30m", Durations.input(Duration.ofMinutes(90)));
        assertEquals("0", Durations.input(Duration.ZERO));
        WatermarkInput input = new WatermarkInput(ZoneOffset.ofHours(2));
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), input.timestamp("2026-03-01 12:00").orElseThrow());
        assertEquals(NOON, input.timestamp("2026-03-01T12:00:00Z").orElseThrow());
        assertTrue(input.timestamp("noon").isEmpty());
    }

    @Test
    void theEditsSayWhatTheyRun() {
        WatermarkEdit.CreateGroup create = new WatermarkEdit.CreateGroup("o'k", List.of("a.b", "c.d"), Duration.ofMinutes(5));
        assertEquals("SELECT pgtrickle.create_watermark_group('o''k', ARRAY['a.b', 'c.d']::regclass[], "
                + "interval '300 seconds');", create.sql());
        assertEquals("trickle watermark group create o'k --sources a.b,c.d --tolerance 5m", create.cli());
        assertEquals("SELECT pgtrickle.advance_watermark('a.b', timestamptz '2026-03-01T12:00:00Z');",
                new WatermarkEdit.Advance("a.b", null, NOON).sql());
    }

    private static io.trickle.desktop.services.DialogService.FormValues values(Map<String, String> v) {
        return new io.trickle.desktop.services.DialogService.FormValues(v);
    }
}
