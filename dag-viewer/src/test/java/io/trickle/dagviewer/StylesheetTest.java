package io.trickle.dagviewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one stylesheet defines a colour and a node rule for every known status, as themes expect. */
class StylesheetTest {

    @Test
    void everyStatusHasALookedUpColourAndANodeRule() throws IOException {
        String css = stylesheet();
        String root = css.substring(css.indexOf("." + DagStyleClass.VIEW + " {"));
        root = root.substring(0, root.indexOf('}'));
        for (StatusStyles status : StatusStyles.values()) {
            assertTrue(root.contains(status.colourVariable() + ":"), status.colourVariable() + " defined on .dag-view");
            String rule = "." + DagStyleClass.NODE + "." + status.styleClass() + " {";
            assertTrue(css.contains(rule), rule);
            assertEquals(status, StatusStyles.ofStyleClass(status.styleClass()).orElseThrow());
        }
    }

    @Test
    void colourLiteralsAppearOnlyInTheDefinitionsOnTheView() throws IOException {
        String css = stylesheet();
        String definitions = css.substring(css.indexOf("." + DagStyleClass.VIEW + " {"));
        String rest = css.replace(definitions.substring(0, definitions.indexOf('}') + 1), "");
        Pattern literal = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(");
        assertTrue(literal.matcher(rest).results().findAny().isEmpty(),
                "only the looked-up colours on .dag-view name colours");
    }

    /** The stylesheet without its comments, which show examples of rules. */
    private static String stylesheet() throws IOException {
        try (InputStream in = Objects.requireNonNull(DagView.class.getResourceAsStream("dag-viewer.css"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
    }
}
