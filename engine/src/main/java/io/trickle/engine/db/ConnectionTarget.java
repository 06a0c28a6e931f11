package io.trickle.engine.db;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a JDBC URL points: host, port, database and user, for messages ("cannot reach
 * db.example:5432") and for the pool. The URL itself is kept as given; only the password is hidden
 * when the target is printed.
 */
public record ConnectionTarget(String jdbcUrl, String host, int port, String database, String user) {

    private static final String PREFIX = "jdbc:postgresql:";

    public static ConnectionTarget parse(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("no JDBC URL: give --url, set TRICKLE_URL, or use --embedded");
        }
        String url = jdbcUrl.trim();
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL JDBC URL: " + redact(url) + " (expected jdbc:postgresql://host:port/database)");
        }
        String rest = url.substring(PREFIX.length());
        String host = "localhost";
        int port = 5432;
        String database;
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            database = slash >= 0 ? authority.substring(slash + 1) : "";
            authority = slash >= 0 ? authority.substring(0, slash) : authority;
            String firstHost = authority.split(",")[0];
            if (!firstHost.isEmpty()) {
                if (firstHost.startsWith("[")) {
                    int close = firstHost.indexOf(']');
                    host = firstHost.substring(1, close);
                    String tail = firstHost.substring(close + 1);
                    if (tail.startsWith(":")) {
                        port = parsePort(tail.substring(1), url);
                    }
                } else {
                    int colon = firstHost.lastIndexOf(':');
                    if (colon >= 0) {
                        host = firstHost.substring(0, colon);
                        port = parsePort(firstHost.substring(colon + 1), url);
                    } else {
                        host = firstHost;
                    }
                }
            }
        } else {
            database = rest;
        }
        Map<String, String> params = queryParameters(query);
        String user = params.getOrDefault("user", System.getProperty("user.name"));
        return new ConnectionTarget(url, host, port, decode(database), user);
    }

    private static int parsePort(String text, String url) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in JDBC URL " + redact(url));
        }
    }

    static Map<String, String> queryParameters(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return new URI("x:" + s.replace("+", "%2B")).getSchemeSpecificPart();
        } catch (Exception e) {
            return s;
        }
    }

    /** The URL with any password replaced by asterisks, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** {@code host:port/database} as a DBA would write it. */
    public String describe() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return h + ":" + port + "/" + database;
    }
}
