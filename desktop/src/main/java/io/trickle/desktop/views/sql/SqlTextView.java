package io.trickle.desktop.views.sql;

import io.trickle.engine.api.RelationOutline;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * A SQL text area the editors share (the stream table editor's query, the SQL console): highlighting
 * from {@link SqlTokens}, line numbers, completion of schema, relation and column names from the
 * catalog on Ctrl+Space ({@link SqlCompletion}), and a marker under the place PostgreSQL named in an
 * error.
 */
public final class SqlTextView {

    /** The key that asks for completion. */
    public static final KeyCombination COMPLETE = KeyCombination.valueOf("Shortcut+Space");

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
    private final Supplier<List<RelationOutline>> outlines;
    private final ContextMenu proposals = new ContextMenu();
    /** Where an error was reported, 0-based, or -1; the marker stays until the text changes. */
    private int errorAt = -1;

    /**
     * @param outlines the catalog's relations and columns, asked each time completion opens
     */
    public SqlTextView(boolean editable, Supplier<List<RelationOutline>> outlines) {
        this.outlines = outlines;
        area.setEditable(editable);
        area.getStyleClass().add("sql-area");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.textProperty().addListener((obs, old, now) -> {
            errorAt = -1;
            restyle();
        });
        proposals.setId("sql-completion");
        proposals.getStyleClass().add("sql-completion");
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (editable && COMPLETE.match(e)) {
                complete();
                e.consume();
            }
        });
        scroll.getStyleClass().add("sql-scroll");
    }

    public Node node() {
        return scroll;
    }

    /** The area itself, for the editor view's read-only panes. */
    public CodeArea area() {
        return area;
    }

    /** Runs {@code action} on {@code key} while the area has the focus; the window never sees that key. */
    public void onKey(KeyCombination key, Runnable action) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (key.match(e)) {
                action.run();
                e.consume();
            }
        });
    }

    public void setId(String id) {
        area.setId(id);
    }

    public String text() {
        return area.getText();
    }

    /** Shows {@code text} (from the start), unless it is shown already. */
    public void replace(String text) {
        if (!area.getText().equals(text)) {
            area.replaceText(text);
            area.moveTo(0);
            area.requestFollowCaret();
        }
    }

    /** Keeps the area's text and the property the same, whichever changes. */
    public void bind(StringProperty text) {
        replace(text.get());
        text.addListener((obs, old, now) -> {
            if (!area.getText().equals(now)) {
                area.replaceText(now);
            }
        });
        area.textProperty().addListener((obs, old, now) -> {
            if (!now.equals(text.get())) {
                text.set(now);
            }
        });
    }

    /**
     * Marks the word at {@code position} (counted from 1, as PostgreSQL does) and puts the caret there;
     * 0 clears the marker.
     */
    public void markError(int position) {
        errorAt = position <= 0 ? -1 : Math.min(position - 1, Math.max(0, area.getLength() - 1));
        restyle();
        if (errorAt >= 0) {
            area.moveTo(errorAt);
            area.requestFollowCaret();
        }
    }

    /** Whether a marker is shown, and where (0-based); for tests. */
    public int errorMarkedAt() {
        return errorAt;
    }

    /** Opens the proposals for the caret, or does nothing when there are none. */
    public void complete() {
        SqlCompletion.Result result = SqlCompletion.at(area.getText(), area.getCaretPosition(), outlines.get());
        proposals.getItems().clear();
        if (result.isEmpty()) {
            proposals.hide();
            return;
        }
        for (SqlCompletion.Proposal p : result.proposals()) {
            Label name = new Label(p.label());
            Region spring = new Region();
            HBox.setHgrow(spring, Priority.ALWAYS);
            Label detail = new Label(p.detail());
            detail.getStyleClass().add("sql-completion-detail");
            HBox line = new HBox(12, name, spring, detail);
            line.setMinWidth(260);
            CustomMenuItem item = new CustomMenuItem(line, true);
            item.getStyleClass().add("sql-completion-" + p.kind().name().toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(e -> {
                area.replaceText(result.from(), result.to(), p.insert());
                area.requestFocus();
            });
            proposals.getItems().add(item);
        }
        Bounds caret = area.getCaretBounds().orElse(area.localToScreen(area.getBoundsInLocal()));
        proposals.show(area, caret.getMinX(), caret.getMaxY());
    }

    /** The proposals shown now, for tests; empty when closed. */
    public List<String> shownProposals() {
        if (!proposals.isShowing()) {
            return List.of();
        }
        return proposals.getItems().stream().map(i -> ((Label) ((HBox) ((CustomMenuItem) i).getContent())
                .getChildren().get(0)).getText()).toList();
    }

    /** Takes the first proposal shown, as Enter would; for tests. */
    public void acceptFirstProposal() {
        if (proposals.isShowing() && !proposals.getItems().isEmpty()) {
            proposals.getItems().get(0).fire();
            proposals.hide();
        }
    }

    private void restyle() {
        String text = area.getText();
        area.setStyleSpans(0, highlighting(text));
        if (errorAt >= 0 && errorAt < text.length()) {
            int end = errorAt;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ',') {
                end++;
            }
            area.setStyle(errorAt, Math.max(end, errorAt + 1), List.of("sql-error"));
        }
    }

    static StyleSpans<Collection<String>> highlighting(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int at = 0;
        for (SqlTokens.Token token : SqlTokens.of(text)) {
            spans.add(Collections.emptyList(), token.start() - at);
            spans.add(Collections.singleton(token.kind().styleClass()), token.end() - token.start());
            at = token.end();
        }
        spans.add(Collections.emptyList(), text.length() - at);
        return spans.create();
    }
}
