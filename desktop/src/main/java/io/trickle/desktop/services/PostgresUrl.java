package io.trickle.desktop.services;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code jdbc:postgresql://host:port/database?…} URL as its parts, so the connection form can show
 * host, port, database and SSL mode beside the URL and keep them in step. Parameters the form does not
 * show ({@code connectTimeout=…}) are kept as they are; a password never is.
 *
 * @param sslMode    PostgreSQL's {@code sslmode}, empty when the URL leaves it to the driver (prefer)
 * @param parameters the other parameters, in their order
 */
public record PostgresUrl(String host, int port, String database, String sslMode, Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 5432;
    /** The SSL modes libpq and pgJDBC know, weakest first; empty means the driver's default. */
    public static final List<String> SSL_MODES = List.of("", "disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final String PREFIX = "jdbc:postgresql://";

    public PostgresUrl {
        Objects.requireNonNull(host, "host");
        database = database == null ? "" : database;
        sslMode = sslMode == null ? "" : sslMode;
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static PostgresUrl of(String host, int port, String database, String sslMode) {
        return new PostgresUrl(host, port, database, sslMode, Map.of());
    }

    /**
     * Reads a URL; throws {@link IllegalArgumentException} naming what is wrong (not a PostgreSQL URL, a
     * port that is not a number, several hosts).
     */
    public static PostgresUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        if (authority.contains(",")) {
            throw new IllegalArgumentException("several hosts in one URL are not supported by the form; edit the URL");
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            String p = authority.substring(colon + 1);
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port must be a number, not \"" + p + "\"");
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        String ssl = "";
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key.equalsIgnoreCase("sslmode")) {
                ssl = value.toLowerCase(Locale.ROOT);
            } else {
                params.put(key, value);
            }
        }
        return new PostgresUrl(host, port, database, ssl, params);
    }

    /** The URL: host, port (always written), database, {@code sslmode} when set, then the other parameters. */
    public String format() {
        StringBuilder out = new StringBuilder(PREFIX).append(host).append(':').append(port).append('/')
                .append(encode(database));
        Map<String, String> all = new LinkedHashMap<>();
        if (!sslMode.isEmpty()) {
            all.put("sslmode", sslMode);
        }
        all.putAll(parameters);
        char sep = '?';
        for (Map.Entry<String, String> e : all.entrySet()) {
            out.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return out.toString();
    }

    public PostgresUrl withHost(String value) {
        return new PostgresUrl(value, port, database, sslMode, parameters);
    }

    public PostgresUrl withPort(int value) {
        return new PostgresUrl(host, value, database, sslMode, parameters);
    }

    public PostgresUrl withDatabase(String value) {
        return new PostgresUrl(host, port, value, sslMode, parameters);
    }

    public PostgresUrl withSslMode(String value) {
        return new PostgresUrl(host, port, database, value, parameters);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
