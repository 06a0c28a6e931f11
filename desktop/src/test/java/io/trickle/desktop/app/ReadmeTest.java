package io.trickle.desktop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.workbench.KeyboardShortcuts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README stays true to the workbench: the system packages it names are those {@code .ci/run}
 * installs and the workbench names when it cannot open a window; its table of keys is the commands'
 * own; its pictures exist.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path CI = Path.of("..", ".ci", "run");
    private static final String START = "<!-- keyboard-shortcuts: generated from CommandId, checked by ReadmeTest -->";
    private static final String END = "<!-- /keyboard-shortcuts -->";

    @Test
    void theReadmeAndCiInstallTheSamePackagesTheWorkbenchAsksFor() throws IOException {
        String readme = Files.readString(README);
        Matcher apt = Pattern.compile("sudo apt-get install (?:--no-install-recommends )?([a-z0-9.+ -]+)").matcher(readme);
        assertTrue(apt.find(), "the README names the packages in an apt-get line");
        Set<String> named = words(apt.group(1));
        Matcher ci = Pattern.compile("WORKBENCH_PACKAGES=\\(([^)]*)\\)").matcher(Files.readString(CI));
        assertTrue(ci.find(), ".ci/run lists WORKBENCH_PACKAGES");
        assertEquals(named, words(ci.group(1)), "the README and .ci/run install the same packages");
        assertEquals(named, words(Main.PACKAGES), "and the workbench names them when it cannot open a window");
        assertTrue(readme.contains("java -jar desktop/target/trickle-workbench.jar --demo"), "the run command");
    }

    @Test
    void theReadmesKeysAreTheCommandsKeys() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "the README has the generated table of keys");
        String table = readme.substring(start + START.length(), end).strip();
        assertEquals(expectedTable(), table, "regenerate the README's table of keys from this text");
    }

    @Test
    void theReadmesPicturesExist() throws IOException {
        Matcher image = Pattern.compile("\\]\\((docs/screenshots/[^)]+\\.png)\\)").matcher(Files.readString(README));
        int found = 0;
        while (image.find()) {
            assertTrue(Files.isRegularFile(Path.of("..").resolve(image.group(1))), image.group(1));
            found++;
        }
        assertTrue(found >= 4, "the README shows the workbench");
    }

    static String expectedTable() {
        StringBuilder out = new StringBuilder("| What | Key | Where |\n|---|---|---|\n");
        for (KeyboardShortcuts.Shortcut s : KeyboardShortcuts.withKeys()) {
            out.append("| ").append(s.command()).append(" | ").append(s.keys()).append(" | ").append(s.where())
                    .append(" |\n");
        }
        return out.toString().strip();
    }

    private static Set<String> words(String list) {
        return Arrays.stream(list.replace("\"", "").trim().split("\\s+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Prints the table to paste into the README. */
    public static void main(String[] args) {
        System.out.println(START + "\n" + expectedTable() + "\n" + END);
    }
}
