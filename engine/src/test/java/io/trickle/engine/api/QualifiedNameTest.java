package io.trickle.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QualifiedNameTest {

    @Test
    void unquotedPartsFoldToLowerCaseAndTheSchemaDefaultsToPublic() {
        assertEquals(QualifiedName.of("public", "orders"), QualifiedName.parse("Orders"));
        assertEquals(QualifiedName.of("sales", "daily"), QualifiedName.parse("SALES.Daily"));
    }

    @Test
    void quotedPartsAreTakenLiterally() {
        assertEquals(QualifiedName.of("My Schema", "Order"), QualifiedName.parse("\"My Schema\".\"Order\""));
        assertEquals(QualifiedName.of("public", "a\"b"), QualifiedName.parse("\"a\"\"b\""));
        assertEquals(QualifiedName.of("public", "x.y"), QualifiedName.parse("\"x.y\""));
        assertEquals(QualifiedName.of("public", "semi;colon"), QualifiedName.parse("\"semi;colon\""));
    }

    @Test
    void badNamesAreRefusedWithTheReason() {
        for (String bad : new String[] {"", "a.b.c", "a.", ".a", "\"unterminated", "\"\"", "drop table x", "a;b"}) {
            TrickleException.InvalidInputException e =
                    assertThrows(TrickleException.InvalidInputException.class, () -> QualifiedName.parse(bad), bad);
            assertTrue(e.getMessage().contains("name"), e.getMessage());
        }
    }

    @Test
    void displayQuotesOnlyWhereNeeded() {
        assertEquals("public.orders", QualifiedName.of("public", "orders").toString());
        assertEquals("public.\"Order\"", QualifiedName.of("public", "Order").toString());
        assertEquals("public.\"select\"", QualifiedName.of("public", "select").toString());
        assertEquals("\"my schema\".\"a\"\"b\"", QualifiedName.of("my schema", "a\"b").toString());
        for (String name : new String[] {"Order", "select", "a\"b", "x y", "ünï"}) {
            QualifiedName q = QualifiedName.of("s", name);
            assertEquals(q, QualifiedName.parse(q.toString()), "display must parse back: " + q);
        }
    }
}
