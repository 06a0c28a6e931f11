package io.trickle.engine.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConnectionTargetTest {

    @Test
    void hostPortDatabaseAndUserComeFromTheUrl() {
        ConnectionTarget t = ConnectionTarget.parse("jdbc:postgresql://db.example:6543/app?user=alice&password=s3cret");
        assertEquals("db.example", t.host());
        assertEquals(6543, t.port());
        assertEquals("app", t.database());
        assertEquals("alice", t.user());
        assertEquals("db.example:6543/app", t.describe());
    }

    @Test
    void defaultsAndIpv6() {
        ConnectionTarget t = ConnectionTarget.parse("jdbc:postgresql://[::1]/x");
        assertEquals("::1", t.host());
        assertEquals(5432, t.port());
        assertEquals("localhost", ConnectionTarget.parse("jdbc:postgresql:mydb").host());
    }

    @Test
    void passwordsNeverAppearInMessages() {
        assertFalse(ConnectionTarget.redact("jdbc:postgresql://h/db?user=a&password=hunter2&ssl=true").contains("hunter2"));
    }

    @Test
    void nonPostgresUrlsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConnectionTarget.parse("jdbc:mysql://h/db"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionTarget.parse(""));
    }

    @Test
    void quotingDoublesQuotes() {
        assertEquals("\"a\"\"b\"", PgQuote.ident("a\"b"));
        assertEquals("'it''s'", PgQuote.literal("it's"));
        assertEquals("\"s\".\"Order\"", PgQuote.qualified("s", "Order"));
        assertThrows(IllegalArgumentException.class, () -> PgQuote.ident(""));
    }
}
