package io.trickle.desktop.views.watermarks;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.views.watermarks.WatermarkCards.Card;
import io.trickle.desktop.views.watermarks.WatermarkCards.Gated;
import io.trickle.desktop.views.watermarks.WatermarkCards.SourceMark;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.ViewPart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * Watermark status: a card per group with each source's watermark on the group's time axis, the
 * tolerance band (the span behind the newest watermark that counts as aligned), the verdict, the
 * lagging source marked, and the stream tables the group gates with their last SKIP or their refresh
 * since. It changes with the catalog read the other views share; nothing is cut off without a tooltip.
 */
public final class WatermarksView implements ViewPart {

    public static final String ID = "watermarks";
    private static final PseudoClass MISALIGNED = PseudoClass.getPseudoClass("misaligned");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass LAGGING = PseudoClass.getPseudoClass("lagging");

    private final WatermarksViewModel model;
    private final BorderPane root = new BorderPane();
    private final VBox cards = new VBox(10);
    /** The card drawn for each group, so a new selection restyles cards instead of drawing them again. */
    private final Map<String, Node> drawn = new LinkedHashMap<>();

    public WatermarksView(WatermarksViewModel model, CommandControls controls) {
        this.model = model;
        cards.getStyleClass().add("wm-cards");
        cards.setId("wm-cards");
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("wm-scroll");
        scroll.visibleProperty().bind(model.emptyProperty().isNull());
        EmptyStateView empty = new EmptyStateView("fth-flag", model.emptyProperty());
        root.setTop(toolbar(controls));
        root.setCenter(new StackPane(scroll, empty.node()));
        root.getStyleClass().add("watermarks-view");
        root.setId("watermarks-view");
        root.setOnContextMenuRequested(e -> controls.contextMenu(
                List.of(CommandId.ADVANCE_WATERMARK),
                List.of(CommandId.EDIT_WATERMARK_GROUP, CommandId.DROP_WATERMARK_GROUP),
                List.of(CommandId.NEW_WATERMARK_GROUP)).show(root, e.getScreenX(), e.getScreenY()));
        model.cards().addListener((ListChangeListener<Card>) change -> draw());
        model.selectedProperty().addListener((obs, old, now) -> restyle());
        draw();
    }

    private Node toolbar(CommandControls controls) {
        // Short words, so that Advance stays on the toolbar at the default window size; tooltips say it in full.
        ToolBar bar = new ToolBar(shortButton(controls, CommandId.NEW_WATERMARK_GROUP, "New Group"),
                shortButton(controls, CommandId.EDIT_WATERMARK_GROUP, "Change"),
                shortButton(controls, CommandId.DROP_WATERMARK_GROUP, "Drop"), new Separator(Orientation.VERTICAL),
                shortButton(controls, CommandId.ADVANCE_WATERMARK, "Advance Watermark"), new Separator(Orientation.VERTICAL),
                controls.toolbarButton(CommandId.RELOAD_WATERMARKS));
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private static javafx.scene.control.Button shortButton(CommandControls controls, CommandId id, String text) {
        javafx.scene.control.Button button = controls.button(id);
        button.setText(text);
        button.setTooltip(new Tooltip(id.label()));
        return button;
    }

    private void draw() {
        drawn.clear();
        for (Card card : model.cards()) {
            drawn.put(card.name(), card(card));
        }
        cards.getChildren().setAll(drawn.values());
        restyle();
    }

    private void restyle() {
        drawn.forEach((name, node) -> node.pseudoClassStateChanged(SELECTED, name.equals(model.selectedProperty().get())));
    }

    private Node card(Card card) {
        Label name = label(card.name(), Styles.TITLE_4, "wm-name");
        Label verdict = label(card.aligned() ? "aligned" : "misaligned", "wm-verdict");
        verdict.pseudoClassStateChanged(MISALIGNED, !card.aligned());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label facts = label("tolerance " + Durations.text(card.tolerance()) + " · " + card.sourcesWithWatermark()
                + " of " + card.sourcesTotal() + " sources report", Styles.TEXT_SMALL, Styles.TEXT_MUTED, "wm-facts");
        for (Label l : List.of(name, verdict, facts)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox header = new HBox(10, name, verdict, spring, facts);
        header.setAlignment(Pos.BASELINE_LEFT);
        // The verdict in full, on a line of its own that wraps rather than cuts.
        Label summary = label(card.verdict(), "wm-summary");
        summary.setId("wm-summary-" + card.name());
        summary.setWrapText(true);
        summary.pseudoClassStateChanged(MISALIGNED, !card.aligned());

        GridPane lanes = new GridPane();
        lanes.getStyleClass().add("wm-lanes");
        lanes.setHgap(12);
        lanes.setVgap(4);
        ColumnConstraints label = new ColumnConstraints(100, 160, 260);
        ColumnConstraints track = new ColumnConstraints(120, 240, Double.MAX_VALUE);
        track.setHgrow(Priority.ALWAYS);
        ColumnConstraints times = new ColumnConstraints();
        times.setMinWidth(Region.USE_PREF_SIZE);
        lanes.getColumnConstraints().addAll(label, track, times);
        int row = 0;
        for (SourceMark mark : card.sources()) {
            Label source = label(mark.source(), "wm-source");
            source.pseudoClassStateChanged(LAGGING, mark.lagging());
            Label when = label(model.shortTime(mark.watermark(), card.axisEnd()) + (mark.behind() == null
                    || mark.behind().isZero() ? "" : " · " + Durations.text(mark.behind()) + " behind"),
                    Styles.TEXT_SMALL, "wm-when");
            when.setTooltip(new Tooltip(mark.source() + ": " + model.timeText(mark.watermark())));
            when.setMinWidth(Region.USE_PREF_SIZE);
            when.pseudoClassStateChanged(LAGGING, mark.lagging());
            lanes.addRow(row++, source, new Track(card, mark), when);
        }
        if (card.axisStart() != null) {
            Label start = label(model.timeText(card.axisStart()), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Label end = label(model.shortTime(card.axisEnd(), card.axisStart()), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Label band = label("▮ tolerance " + Durations.text(card.tolerance()), Styles.TEXT_SMALL, Styles.TEXT_MUTED,
                    "wm-band-legend");
            band.setTooltip(new Tooltip("The band is the tolerance: " + Durations.text(card.tolerance())
                    + " behind the newest watermark counts as aligned"));
            Region gap1 = new Region();
            Region gap2 = new Region();
            HBox.setHgrow(gap1, Priority.ALWAYS);
            HBox.setHgrow(gap2, Priority.ALWAYS);
            lanes.addRow(row, new Label(), new HBox(start, gap1, band, gap2, end));
        }

        VBox box = new VBox(6, header, summary, lanes, gated(card));
        box.getStyleClass().add("wm-card");
        box.setId("wm-card-" + card.name());
        box.pseudoClassStateChanged(MISALIGNED, !card.aligned());
        box.setOnMouseClicked(e -> model.selectedProperty().set(card.name()));
        return box;
    }

    /** A label whose whole text is its tooltip, so whatever a narrow window cuts off can still be read. */
    private static Label label(String text, String... styles) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styles);
        label.setTooltip(new Tooltip(text));
        label.setMinWidth(0);
        return label;
    }

    private Node gated(Card card) {
        VBox lines = new VBox(2);
        if (card.gated().isEmpty()) {
            lines.getChildren().add(label("Gates no stream table: none reads two or more of these sources.",
                    Styles.TEXT_SMALL, Styles.TEXT_MUTED));
            return lines;
        }
        boolean holding = card.gated().stream().anyMatch(Gated::heldBack);
        lines.getChildren().add(label(holding ? "Holds back" : "Gates", Styles.TEXT_SMALL, Styles.TEXT_BOLD));
        for (Gated g : card.gated()) {
            Label line = label(g.streamTable() + " — " + model.gatedText(g), Styles.TEXT_SMALL, "wm-gated");
            line.setId("wm-gated-" + g.streamTable().replaceAll("[^A-Za-z0-9_-]", "_"));
            line.setWrapText(true);
            line.pseudoClassStateChanged(MISALIGNED, g.heldBack());
            lines.getChildren().add(line);
        }
        return lines;
    }

    /**
     * One source's lane: the tolerance band, a baseline, the watermark as a dot and, for a source
     * behind the newest watermark, a line from its dot to where the newest is.
     */
    private static final class Track extends Region {
        private final Card card;
        private final SourceMark mark;
        private final Rectangle band = new Rectangle();
        private final Line base = new Line();
        private final Line behind = new Line();
        private final Circle dot = new Circle(6);

        Track(Card card, SourceMark mark) {
            this.card = card;
            this.mark = mark;
            band.getStyleClass().add("wm-band");
            base.getStyleClass().add("wm-base");
            behind.getStyleClass().add("wm-behind");
            dot.getStyleClass().add("wm-dot");
            dot.pseudoClassStateChanged(LAGGING, mark.lagging());
            behind.pseudoClassStateChanged(LAGGING, mark.lagging());
            getChildren().addAll(band, base, behind, dot);
            setMinHeight(22);
            setPrefHeight(22);
            getStyleClass().add("wm-track");
            Tooltip.install(this, new Tooltip(mark.source() + ": " + (mark.watermark() == null ? "no watermark yet"
                    : mark.watermark().toString())));
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            double y = h / 2;
            base.setStartX(0);
            base.setEndX(w);
            base.setStartY(y);
            base.setEndY(y);
            boolean any = !Double.isNaN(card.bandEnd());
            band.setVisible(any);
            if (any) {
                double x0 = Math.max(0, card.bandStart() * w);
                double x1 = Math.min(w, card.bandEnd() * w);
                band.setX(x0);
                band.setY(0);
                band.setWidth(Math.max(2, x1 - x0));
                band.setHeight(h);
            }
            boolean has = mark.hasWatermark();
            dot.setVisible(has);
            behind.setVisible(has && any && mark.position() < card.bandEnd());
            if (has) {
                double x = mark.position() * w;
                dot.setCenterX(x);
                dot.setCenterY(y);
                behind.setStartX(x);
                behind.setEndX(card.bandEnd() * w);
                behind.setStartY(y);
                behind.setEndY(y);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Watermarks";
    }

    @Override
    public String icon() {
        return "fth-flag";
    }

    @Override
    public Node node() {
        return root;
    }
}
