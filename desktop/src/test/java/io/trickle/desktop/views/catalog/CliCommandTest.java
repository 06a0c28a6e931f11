package io.trickle.desktop.views.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.desktop.services.StreamTableChange;
import io.trickle.desktop.services.StreamTableDraft;
import org.junit.jupiter.api.Test;

class CliCommandTest {

    @Test
    void createLeavesOutWhatIsTheDefault() {
        assertEquals("java -jar engine/target/trickle.jar create shop.t --query 'SELECT * FROM shop.orders'",
                CliCommand.create(new StreamTableDraft("shop.t", "SELECT * FROM shop.orders", "calculated", "AUTO", true)));
        assertEquals("java -jar engine/target/trickle.jar create shop.t --query 'SELECT 1' --schedule 5m --mode FULL"
                        + " --no-initialize",
                CliCommand.create(new StreamTableDraft("shop.t", "SELECT 1", "5m", "FULL", false)));
    }

    @Test
    void argumentsAreQuotedForAPosixShell() {
        assertEquals("'it'\\''s'", CliCommand.quote("it's"));
        assertEquals("'\"Order\".x'", CliCommand.quote("\"Order\".x"));
        assertEquals("'*/5 * * * *'", CliCommand.quote("*/5 * * * *"));
        assertEquals("'$HOME'", CliCommand.quote("$HOME"));
        assertEquals("''", CliCommand.quote(""));
        assertEquals("@hourly", CliCommand.quote("@hourly"));
    }

    @Test
    void alterNamesOnlyWhatChanges() {
        assertEquals("java -jar engine/target/trickle.jar alter shop.t --schedule 1m --status SUSPENDED",
                CliCommand.alter("shop.t", new StreamTableChange(null, "1m", null, "SUSPENDED")));
    }

    @Test
    void dropAndRefresh() {
        assertEquals("java -jar engine/target/trickle.jar drop shop.t --cascade", CliCommand.drop("shop.t", true));
        assertEquals("java -jar engine/target/trickle.jar refresh 'shop.\"My T\"' --full",
                CliCommand.refresh("shop.\"My T\"", true));
    }
}
