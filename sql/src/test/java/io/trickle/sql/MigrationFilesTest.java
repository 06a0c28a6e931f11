package io.trickle.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules DESIGN §1 sets for the catalog migrations, checked on the files themselves: names
 * Flyway understands, one file per version, versions in order, every statement transactional, and
 * no landed migration edited afterwards (its checksum is recorded in {@code landed-migrations.txt}).
 */
class MigrationFilesTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration/pgtrickle");
    private static final Path LANDED = Path.of("src/test/resources/landed-migrations.txt");
    private static final Pattern NAME = Pattern.compile("V(\\d+(?:_\\d+)*)__([a-z0-9_]+)\\.sql");

    @Test
    void migrationNamesAreFlywayVersionsWithSnakeCaseDescriptions() throws IOException {
        List<Path> files = migrationFiles();
        assertFalse(files.isEmpty(), "no migrations under " + MIGRATIONS);
        Set<String> versions = new HashSet<>();
        for (Path file : files) {
            Matcher m = NAME.matcher(file.getFileName().toString());
            assertTrue(m.matches(), file + " does not match V<major>_<minor>_<patch>[_<n>]__<description>.sql");
            assertTrue(versions.add(m.group(1)), "two migrations share version " + m.group(1));
        }
    }

    @Test
    void theFirstMigrationIsTheCoreCatalogAtVersionZeroSixZero() throws IOException {
        assertEquals("V0_6_0__core.sql", migrationFiles().get(0).getFileName().toString());
    }

    @Test
    void migrationsStayTransactional() throws IOException {
        // Flyway wraps each PostgreSQL migration in a transaction; these statements would break that.
        Pattern forbidden = Pattern.compile(
                "(?im)^\\s*(BEGIN|COMMIT|ROLLBACK|VACUUM)\\b|\\bCONCURRENTLY\\b|ALTER\\s+TYPE\\s+\\S+\\s+ADD\\s+VALUE");
        for (Path file : migrationFiles()) {
            String sql = withoutDollarQuotedBodies(Files.readString(file, StandardCharsets.UTF_8));
            Matcher m = forbidden.matcher(sql);
            if (m.find()) {
                fail(file.getFileName() + " contains a non-transactional statement: " + m.group().trim());
            }
        }
    }

    @Test
    void landedMigrationsAreNeverEdited() throws IOException {
        List<String> lines = Files.readAllLines(LANDED, StandardCharsets.UTF_8);
        int checked = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            Path file = MIGRATIONS.resolve(parts[0]);
            assertTrue(Files.exists(file), "landed migration " + parts[0] + " was removed");
            assertEquals(parts[1], sha256(file),
                    parts[0] + " has landed and must not change; add a new migration instead");
            checked++;
        }
        assertTrue(checked > 0, "landed-migrations.txt lists no migration");
        List<String> listed = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+")[0]).toList();
        for (Path file : migrationFiles()) {
            assertTrue(listed.contains(file.getFileName().toString()),
                    file.getFileName() + " is missing from landed-migrations.txt (add its sha256 when it lands)");
        }
    }

    static List<Path> migrationFiles() throws IOException {
        try (Stream<Path> s = Files.list(MIGRATIONS)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".sql")).toList());
            files.sort((a, b) -> compareVersions(version(a), version(b)));
            return files;
        }
    }

    private static int[] version(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return new int[0];
        }
        String[] parts = m.group(1).split("_");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    private static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static String withoutDollarQuotedBodies(String sql) {
        return sql.replaceAll("(?s)\\$\\$.*?\\$\\$", "\\$\\$\\$\\$").toUpperCase(Locale.ROOT);
    }

    static String sha256(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
