package io.trickle.desktop.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path home;

    @Test
    void profilesSurviveReopeningTheWorkspace() {
        Path file = home.resolve("nested/workspace.db");
        Workspace first = new Workspace(file);
        first.save(new ConnectionProfile("prod", "jdbc:postgresql://db:5432/app", "dba"));
        first.save(new ConnectionProfile("local", "jdbc:postgresql://localhost/app", "me"));
        first.save(new ConnectionProfile("prod", "jdbc:postgresql://db2:5432/app", "dba"));

        Workspace reopened = new Workspace(file);
        List<ConnectionProfile> all = reopened.all();
        assertEquals(List.of("local", "prod"), all.stream().map(ConnectionProfile::name).toList());
        assertEquals("jdbc:postgresql://db2:5432/app", reopened.byName("prod").orElseThrow().jdbcUrl());
        assertTrue(reopened.delete("local"));
        assertFalse(reopened.delete("local"));
        assertEquals(1, reopened.all().size());
    }

    @Test
    void profilesRefuseToCarryPasswords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionProfile("x", "jdbc:postgresql://h/db?user=a&password=secret", "a"));
        assertTrue(e.getMessage().contains("never store passwords"));
    }

    @Test
    void preferencesAreReplacedAndSurviveReopening() {
        Path file = home.resolve("workspace.db");
        new Workspace(file).put("theme", "DARK");
        new Workspace(file).put("theme", "LIGHT");
        assertEquals("LIGHT", new Workspace(file).get("theme").orElseThrow());
        assertTrue(new Workspace(file).get("missing").isEmpty());
    }

    @Test
    void benchmarkFilesAreRememberedOnceInTheOrderOpened() {
        Path file = home.resolve("workspace.db");
        Path a = home.resolve("runs/a.csv");
        Path b = home.resolve("runs/../runs/b.csv");
        new Workspace(file).addBenchmarkFile(a);
        new Workspace(file).addBenchmarkFile(b);
        new Workspace(file).addBenchmarkFile(a);
        assertEquals(List.of(a, home.resolve("runs/b.csv")), new Workspace(file).benchmarkFiles());
        new Workspace(file).removeBenchmarkFile(a);
        assertEquals(List.of(home.resolve("runs/b.csv")), new Workspace(file).benchmarkFiles());
    }
}
