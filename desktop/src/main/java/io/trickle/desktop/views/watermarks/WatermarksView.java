package io.trickle.desktop.views.watermarks;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.views.watermarks.WatermarkCards.Card;
import io.trickle.desktop.views.watermarks.WatermarkCards.Gated;
import io.trickle.desktop.views.watermarks.WatermarkCards.SourceMark;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.ViewPart;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
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
import javafx.util.Duration;

/**
 * Watermark status: a card per group with each source's watermark on the group's time axis, the
 * tolerance band (the span behind the newest watermark that counts as aligned), the verdict, the
 * lagging source marked, and the stream tables the group gates with their last SKIP. Reads again
 * every few seconds while it can be seen, never while it is hidden behind another tab.
 */
public final class WatermarksView implements ViewPart {

    public static final String ID = "watermarks";
    private static final PseudoClass MISALIGNED = PseudoClass.getPseudoClass("misaligned");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass LAGGING = PseudoClass.getPseudoClass("lagging");
    private static final Duration POLL = Duration.seconds(3);

    private final WatermarksViewModel model;
    private final BorderPane root = new BorderPane();
    private final VBox cards = new VBox(10);

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
        model.selectedProperty().addListener((obs, old, now) -> draw());
        draw();

        Timeline poll = new Timeline(new KeyFrame(POLL, e -> {
            model.setShowing(isShowing(root));
            model.poll();
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        root.sceneProperty().addListener((obs, old, now) -> model.setShowing(isShowing(root)));
    }

    private Node toolbar(CommandControls controls) {
        ToolBar bar = new ToolBar(controls.button(CommandId.NEW_WATERMARK_GROUP), controls.button(CommandId.EDIT_WATERMARK_GROUP),
                controls.button(CommandId.DROP_WATERMARK_GROUP), new Separator(Orientation.VERTICAL),
                controls.button(CommandId.ADVANCE_WATERMARK), new Separator(Orientation.VERTICAL),
                controls.toolbarButton(CommandId.RELOAD_WATERMARKS));
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    /** Whether the view is in a window that shows and every node above it is visible (its tab in front). */
    private static boolean isShowing(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void draw() {
        cards.getChildren().clear();
        for (Card card : model.cards()) {
            cards.getChildren().add(card(card));
        }
    }

    private Node card(Card card) {
        Label name = new Label(card.name());
        name.getStyleClass().addAll(Styles.TITLE_4, "wm-name");
        Label verdict = new Label(card.aligned() ? "aligned" : "misaligned");
        verdict.getStyleClass().add("wm-verdict");
        verdict.pseudoClassStateChanged(MISALIGNED, !card.aligned());
        Label summary = new Label(card.verdict());
        summary.getStyleClass().add("wm-summary");
        summary.setId("wm-summary-" + card.name());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label facts = new Label("tolerance " + Durations.text(card.tolerance()) + " · " + card.sourcesWithWatermark()
                + " of " + card.sourcesTotal() + " sources report");
        facts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        name.setMinWidth(Region.USE_PREF_SIZE);
        verdict.setMinWidth(Region.USE_PREF_SIZE);
        summary.setMinWidth(0);
        HBox header = new HBox(10, name, verdict, summary, spring, facts);
        header.setAlignment(Pos.BASELINE_LEFT);

        GridPane lanes = new GridPane();
        lanes.getStyleClass().add("wm-lanes");
        lanes.setHgap(12);
        lanes.setVgap(4);
        ColumnConstraints label = new ColumnConstraints(150, 190, 320);
        ColumnConstraints track = new ColumnConstraints(200, 600, Double.MAX_VALUE);
        track.setHgrow(Priority.ALWAYS);
        lanes.getColumnConstraints().addAll(label, track, new ColumnConstraints(150, 230, 320));
        int row = 0;
        for (SourceMark mark : card.sources()) {
            Label source = new Label(mark.source());
            source.getStyleClass().add("wm-source");
            source.pseudoClassStateChanged(LAGGING, mark.lagging());
            Label when = new Label(model.timeText(mark.watermark()) + (mark.behind() == null || mark.behind().isZero() ? ""
                    : " · " + Durations.text(mark.behind()) + " behind"));
            when.getStyleClass().addAll(Styles.TEXT_SMALL, "wm-when");
            when.pseudoClassStateChanged(LAGGING, mark.lagging());
            lanes.addRow(row++, source, new Track(card, mark), when);
        }
        Label start = new Label(model.timeText(card.axisStart()));
        Label end = new Label(model.timeText(card.axisEnd()));
        Label band = new Label("▮ tolerance band: " + Durations.text(card.tolerance()) + " behind the newest");
        for (Label l : List.of(start, end, band)) {
            l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        }
        band.getStyleClass().add("wm-band-legend");
        Region gap1 = new Region();
        Region gap2 = new Region();
        HBox.setHgrow(gap1, Priority.ALWAYS);
        HBox.setHgrow(gap2, Priority.ALWAYS);
        if (card.axisStart() != null) {
            lanes.addRow(row, new Label(), new HBox(start, gap1, band, gap2, end));
        }

        VBox box = new VBox(8, header, lanes, gated(card));
        box.getStyleClass().add("wm-card");
        box.setId("wm-card-" + card.name());
        box.pseudoClassStateChanged(MISALIGNED, !card.aligned());
        box.pseudoClassStateChanged(SELECTED, card.name().equals(model.selectedProperty().get()));
        box.setOnMouseClicked(e -> model.selectedProperty().set(card.name()));
        return box;
    }

    private Node gated(Card card) {
        VBox lines = new VBox(2);
        if (card.gated().isEmpty()) {
            Label none = new Label("Gates no stream table: none reads two or more of these sources.");
            none.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            lines.getChildren().add(none);
            return lines;
        }
        Label title = new Label(card.aligned() ? "Gates" : "Holds back");
        title.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_BOLD);
        lines.getChildren().add(title);
        for (Gated g : card.gated()) {
            String skip = g.lastSkip() == null ? "no skipped refresh in the recent history"
                    : "last SKIP " + model.timeText(g.lastSkip().startTime()) + ": "
                    + (g.lastSkip().reason() != null ? g.lastSkip().reason() : g.lastSkip().errorMessage());
            Label line = new Label(g.streamTable() + " — " + skip);
            line.getStyleClass().addAll(Styles.TEXT_SMALL, "wm-gated");
            line.pseudoClassStateChanged(MISALIGNED, !card.aligned());
            line.setTooltip(new Tooltip(skip));
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
