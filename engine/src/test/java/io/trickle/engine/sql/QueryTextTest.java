package io.trickle.engine.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexer's statement boundaries (for the console) and where a character of a query is (for errors). */
class QueryTextTest {

    @Test
    void splitsAScriptAtSemicolonsOutsideLiteralsAndCommentsWithoutLeadingComments() {
        String script = "SELECT ';' AS a; -- a comment; still a comment\n"
                + "SELECT $q$ ; $q$, \"x;y\" FROM t /* ; */ ;;\n  UPDATE t SET v = E'\\';' ";
        assertEquals(List.of("SELECT ';' AS a", "SELECT $q$ ; $q$, \"x;y\" FROM t /* ; */",
                "UPDATE t SET v = E'\\';'"), QueryText.statements(script));
        assertEquals(List.of(), QueryText.statements("  ; -- nothing\n"));
        assertThrows(InvalidInputException.class, () -> QueryText.statements("SELECT 'open"));
    }

    @Test
    void theFirstWordSkipsCommentsAndIsLowerCase() {
        assertEquals("select", QueryText.firstWord("/* why */ -- note\n SeLeCt 1"));
        assertEquals("(", QueryText.firstWord("(SELECT 1) UNION (SELECT 2)"));
        assertEquals("do", QueryText.firstWord("DO $$ BEGIN END $$"));
        assertEquals("", QueryText.firstWord("  "));
    }

    @Test
    void locatesAPositionOfTheCheckedQueryInTheTextAsGiven() {
        QueryText q = QueryText.check("\n  SELECT id,\n         nope\n    FROM t;");
        assertTrue(q.sql().startsWith("SELECT"));
        int inSql = q.sql().indexOf("nope") + 1;
        assertArrayEquals(new int[] {"\n  SELECT id,\n         ".length() + 1, 3, 10}, q.locate(inSql).orElseThrow());
        assertArrayEquals(new int[] {4, 2, 3}, q.locate(1).orElseThrow(), "the first character, after the blank line");
        assertTrue(q.locate(0).isEmpty());
        assertTrue(q.locate(q.sql().length() + 2).isEmpty());
    }
}
