package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.testing.TestDatabase;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command-line contract of DESIGN §4 against a real server: options, JSON, exit codes, config. */
@Tag("pg15")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    @Order(1)
    void installPrintsTheCatalogVersionAndIsIdempotent() {
        CliRun first = CliRun.run("--url", db.jdbcUrl(), "install");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("Installed the Trickle catalog"), first::toString);
        assertTrue(first.out().contains("version 0.6.0") || first.out().matches("(?s).*version \\d+\\.\\d+\\.\\d+.*"),
                first::toString);

        long objectsBefore = catalogObjectCount();
        CliRun second = CliRun.run("install", "--url", db.jdbcUrl(), "--json");
        assertEquals(0, second.exitCode(), second::toString);
        JsonNode json = second.json();
        assertFalse(json.get("changed").asBoolean());
        assertEquals(0, json.get("migrations_applied").asInt());
        assertEquals(json.get("previous_version").asText(), json.get("catalog_version").asText());
        assertEquals(objectsBefore, catalogObjectCount(), "a second install must change nothing");
    }

    @Test
    @Order(2)
    void connectionOptionsWorkBeforeOrAfterTheCommandAndFromTheEnvironment() {
        assertEquals(0, CliRun.run("--url", db.jdbcUrl(), "list").exitCode());
        assertEquals(0, CliRun.run("list", "--url", db.jdbcUrl()).exitCode());
        CliRun fromEnv = CliRun.run(Map.of("TRICKLE_URL", db.jdbcUrl()), "list");
        assertEquals(0, fromEnv.exitCode(), fromEnv::toString);
        assertTrue(fromEnv.out().contains("No stream tables"), fromEnv::toString);
    }

    @Test
    @Order(3)
    void jsonOutputIsExactlyOneDocument() {
        CliRun run = CliRun.run("--json", "list", "--url", db.jdbcUrl());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.json().get("stream_tables").isArray());

        CliRun config = CliRun.run("config", "--url", db.jdbcUrl(), "--json");
        JsonNode settings = config.json().get("settings");
        assertTrue(settings.isArray());
        assertEquals(11, settings.size());
        JsonNode interval = null;
        for (JsonNode s : settings) {
            if (s.get("key").asText().equals("scheduler_interval_ms")) {
                interval = s;
            }
        }
        assertEquals("1000", interval.get("value").asText());
        assertTrue(interval.get("is_default").asBoolean());
    }

    @Test
    @Order(4)
    void configSetValidatesStoresAndResets() {
        CliRun set = CliRun.run("--url", db.jdbcUrl(), "config", "set", "max_concurrent_refreshes", "8");
        assertEquals(0, set.exitCode(), set::toString);
        assertEquals("8", db.scalar("SELECT value FROM pgtrickle.pgt_settings WHERE key = 'max_concurrent_refreshes'"));
        long generation = db.count("SELECT generation FROM pgtrickle.pgt_catalog_generation");
        assertTrue(generation > 0, "config set must bump the catalog generation");

        CliRun unknownKey = CliRun.run("--url", db.jdbcUrl(), "config", "set", "max_refreshes", "8");
        assertEquals(2, unknownKey.exitCode(), unknownKey::toString);
        assertTrue(unknownKey.err().contains("unknown setting 'max_refreshes'"), unknownKey::toString);

        CliRun badValue = CliRun.run("--url", db.jdbcUrl(), "config", "set", "max_concurrent_refreshes", "0");
        assertEquals(2, badValue.exitCode(), badValue::toString);
        assertTrue(badValue.err().contains("from 1 to 32"), badValue::toString);

        CliRun badEnum = CliRun.run("--json", "--url", db.jdbcUrl(), "config", "set", "cdc_trigger_mode", "wal");
        assertEquals(2, badEnum.exitCode(), badEnum::toString);
        assertEquals(2, badEnum.json().get("error").get("exit_code").asInt());

        CliRun reset = CliRun.run("--url", db.jdbcUrl(), "config", "reset", "max_concurrent_refreshes");
        assertEquals(0, reset.exitCode(), reset::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_settings"));
    }

    @Test
    @Order(5)
    void anUnreachableServerIsExitThreeNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.run("--url", "jdbc:postgresql://127.0.0.1:" + port + "/nowhere?user=x&connectTimeout=2", "list");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("127.0.0.1:" + port), run::toString);
        assertTrue(run.err().contains("connection refused"), run::toString);
    }

    @Test
    @Order(6)
    void aMissingDatabaseIsExitThreeNamingIt() {
        String url = db.jdbcUrl().replace("/" + db.name() + "?", "/no_such_database?");
        CliRun run = CliRun.run("--url", url, "list");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("database \"no_such_database\" does not exist"), run::toString);
    }

    @Test
    @Order(7)
    void aWrongPasswordIsExitThree() {
        String good = db.createPlainRole("cli_pw_user", "right-password", true);
        CliRun control = CliRun.run("--url", good.replace("right-password", "wrong-password"), "list");
        assumeTrue(control.exitCode() != 0, "this server does not check passwords (trust authentication)");
        assertEquals(3, control.exitCode(), control::toString);
        assertTrue(control.err().contains("authentication failed for user \"cli_pw_user\""), control::toString);
    }

    @Test
    @Order(8)
    void usageErrorsAreExitTwo() {
        CliRun none = CliRun.run("--url", db.jdbcUrl());
        assertEquals(2, none.exitCode(), none::toString);
        CliRun unknown = CliRun.run("--url", db.jdbcUrl(), "frobnicate");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        CliRun noUrl = CliRun.run(Map.of(), "list");
        assertEquals(2, noUrl.exitCode(), noUrl::toString);
        assertTrue(noUrl.err().contains("--url"), noUrl::toString);
        CliRun notJdbc = CliRun.run("--url", "postgres://localhost/x", "list");
        assertEquals(2, notJdbc.exitCode(), notJdbc::toString);
    }

    @Test
    @Order(9)
    void uninstallAsksForConfirmationThenRemovesEverything() {
        CliRun unconfirmed = CliRun.run("--url", db.jdbcUrl(), "uninstall");
        assertEquals(2, unconfirmed.exitCode(), unconfirmed::toString);
        assertEquals(1, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgtrickle'"));

        CliRun confirmed = CliRun.run("--url", db.jdbcUrl(), "uninstall", "--yes");
        assertEquals(0, confirmed.exitCode(), confirmed::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('pgtrickle', 'pgtrickle_changes')"));

        CliRun list = CliRun.run("--url", db.jdbcUrl(), "list");
        assertEquals(1, list.exitCode(), list::toString);
        assertTrue(list.err().contains("not installed"), list::toString);
    }

    private long catalogObjectCount() {
        return db.count("""
                SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('pgtrickle', 'pgtrickle_changes'))
                     + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname IN ('pgtrickle', 'pgtrickle_changes'))
                     + (SELECT count(*) FROM pgtrickle.pgt_schema_history)""");
    }
}
