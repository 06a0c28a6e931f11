package io.trickle.desktop.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's password file, read as libpq reads it: {@code $PGPASSFILE}, or {@code ~/.pgpass}. Each
 * line is {@code hostname:port:database:username:password}; {@code *} matches anything, {@code \:} and
 * {@code \\} stand for a colon and a backslash, {@code #} starts a comment, and the first line that
 * matches wins. As libpq does, a file that others may read (group or world permissions) is ignored.
 */
public final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);

    private final Path file;

    public PasswordFile(Path file) {
        this.file = file;
    }

    /** The file libpq would read in this environment: {@code PGPASSFILE}, else {@code .pgpass} in the home directory. */
    public static PasswordFile fromEnvironment(Map<String, String> env) {
        String explicit = env.get("PGPASSFILE");
        if (explicit != null && !explicit.isBlank()) {
            return new PasswordFile(Path.of(explicit));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new PasswordFile(Path.of(home, ".pgpass"));
    }

    public Path path() {
        return file;
    }

    /** The password for this host, port, database and user, if a line of the file matches them. Reads the file. */
    public Optional<char[]> find(String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (readableByOthers()) {
                LOG.warn("ignoring {}: others may read it (chmod 0600 {})", file, file);
                return Optional.empty();
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line);
                if (fields.size() == 5 && matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
                        && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                    return Optional.of(fields.get(4).toCharArray());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
        }
        return Optional.empty();
    }

    private boolean readableByOthers() throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value == null ? "" : value);
    }

    /** The colon-separated fields of a line, with {@code \:} and {@code \\} read as the character they stand for. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
