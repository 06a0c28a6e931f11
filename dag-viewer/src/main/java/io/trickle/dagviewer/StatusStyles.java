package io.trickle.dagviewer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The node states that {@code dag-viewer.css} knows how to draw, each as the CSS style class a node carries while
 * it is in that state. The viewer attaches no meaning to them: a caller's status factory returns one of these
 * classes (or a class of its own, styled by its own stylesheet) for each vertex, and the view keeps the node's
 * style class in step with it.
 *
 * <p>Each state's colour is a looked-up colour of the same name, {@code -dag-fresh}, {@code -dag-stale} and so
 * on, defined on {@code .dag-view}. A theme overrides them with a rule such as
 * {@code .dag-view { -dag-error: #ff6b6b; }} in an author stylesheet.
 */
public enum StatusStyles {
    /** Up to date. */
    FRESH,
    /** Behind its inputs. */
    STALE,
    /** Failed. */
    ERROR,
    /** Switched off, by a person or after repeated errors. */
    SUSPENDED,
    /** Passed over on purpose, for example while waiting for its inputs. */
    SKIPPED,
    /** Being brought up to date right now. */
    REFRESHING,
    /** Kept up to date by the writes themselves (never behind its inputs, never scheduled). */
    IMMEDIATE;

    private final String styleClass = name().toLowerCase(Locale.ROOT);

    /** The style class a node carries in this state, e.g. {@code "stale"}. */
    public String styleClass() {
        return styleClass;
    }

    /** The looked-up colour that draws this state, e.g. {@code "-dag-stale"}. */
    public String colourVariable() {
        return "-dag-" + styleClass;
    }

    /** The known state drawn by this style class, if it is one. */
    public static Optional<StatusStyles> ofStyleClass(String styleClass) {
        return Arrays.stream(values()).filter(s -> s.styleClass.equals(styleClass)).findFirst();
    }
}
