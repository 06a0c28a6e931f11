package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.Version;
import org.junit.jupiter.api.Test;

/** The parts of the command line that need no database. */
class CliTest {

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.run("--help");
        assertEquals(0, run.exitCode(), run::toString);
        for (String command : new String[] {"install", "uninstall", "list", "config", "watermark"}) {
            assertTrue(run.out().contains(command), "help lacks " + command + ":\n" + run.out());
        }
        assertTrue(run.out().contains("Exit codes"), run.out());
    }

    @Test
    void versionPrintsTheEngineVersion() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("trickle " + Version.engine()), run.out());
        assertTrue(!Version.engine().equals("unknown"), "the build must stamp the version");
    }

    @Test
    void subcommandHelpWorks() {
        CliRun run = CliRun.run("config", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("set"), run.out());
        CliRun demo = CliRun.run("demo", "--help");
        assertEquals(0, demo.exitCode());
        assertTrue(demo.out().contains("--reset") && demo.out().contains("first install"), demo.out());
    }

    @Test
    void urlAndEmbeddedTogetherAreRefused() {
        CliRun run = CliRun.run("--embedded", "--url", "jdbc:postgresql://localhost/x", "list");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("either --url or --embedded"), run::toString);
    }

    @Test
    void unknownOptionIsExitTwoWithAJsonErrorWhenAsked() {
        CliRun run = CliRun.run("list", "--no-such-option", "--json");
        assertEquals(2, run.exitCode());
        assertEquals(2, run.json().get("error").get("exit_code").asInt());
    }

    @Test
    void watermarkHelpListsItsSubcommandsAndRefreshItsOption() {
        CliRun watermark = CliRun.run("watermark", "--help");
        assertEquals(0, watermark.exitCode(), watermark::toString);
        for (String sub : new String[] {"advance", "status", "group"}) {
            assertTrue(watermark.out().contains(sub), watermark.out());
        }
        CliRun group = CliRun.run("watermark", "group", "--help");
        assertTrue(group.out().contains("create") && group.out().contains("drop"), group.out());
        assertTrue(CliRun.run("refresh", "--help").out().contains("--respect-watermarks"));
    }
}
