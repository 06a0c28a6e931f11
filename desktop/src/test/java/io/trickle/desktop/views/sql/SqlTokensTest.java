package io.trickle.desktop.views.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.desktop.views.sql.SqlTokens.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {

    private static List<String> show(String sql) {
        return SqlTokens.of(sql).stream().map(t -> t.kind() + ":" + sql.substring(t.start(), t.end())).toList();
    }

    @Test
    void keywordsInAnyCaseButNotColumnsNamedLikeThem() {
        assertEquals(List.of("KEYWORD:select", "KEYWORD:FROM", "KEYWORD:Where"),
                show("select o.status, o.order FROM t o Where x1 = y"));
    }

    @Test
    void stringsAndQuotedNamesWithDoubledQuotes() {
        assertEquals(List.of("KEYWORD:SELECT", "STRING:'it''s'", "KEYWORD:AS", "IDENTIFIER:\"My \"\"x\"\"\""),
                show("SELECT 'it''s' AS \"My \"\"x\"\"\""));
    }

    @Test
    void commentsNestAndRunToTheirEnd() {
        assertEquals(List.of("COMMENT:-- hi", "KEYWORD:select", "COMMENT:/* a /* b */ c */", "NUMBER:42"),
                show("-- hi\nselect /* a /* b */ c */ 42"));
    }

    @Test
    void anUnfinishedStringRunsToTheEndAndNothingFails() {
        assertEquals(List.of("KEYWORD:SELECT", "STRING:'still typing"), show("SELECT 'still typing"));
        assertEquals(List.of(), SqlTokens.of(""));
    }

    @Test
    void digitsInNamesAreNotNumbers() {
        assertEquals(List.of("KEYWORD:FROM", "NUMBER:1.5"), show("FROM t1, x_2 1.5"));
    }

    @Test
    void eachKindHasItsStyleClass() {
        assertEquals("sql-keyword", Kind.KEYWORD.styleClass());
        assertEquals("sql-comment", Kind.COMMENT.styleClass());
    }
}
