package io.trickle.engine.bench.tpch;

import io.trickle.engine.db.PgQuote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's SQL resources and the one rule that moves them to another schema. The files name their
 * tables {@code tpch.<table>}, so each runs as it is in psql; {@link #inSchema} replaces that qualifier
 * by the target schema, quoted. Nothing else in the files contains {@code tpch.}, which keeps the
 * replacement exact.
 */
public final class TpchSql {

    /** The schema the resource files are written for. */
    public static final String DEFAULT_SCHEMA = "tpch";

    private static final Pattern QUALIFIER = Pattern.compile("\\btpch\\.");

    private TpchSql() {
    }

    /** {@code sql} with every {@code tpch.} qualifier pointing at {@code schema}. */
    public static String inSchema(String sql, String schema) {
        return QUALIFIER.matcher(sql).replaceAll(Matcher.quoteReplacement(PgQuote.ident(schema) + "."));
    }

    /** A resource beside this class, with its {@code --} comment lines removed. */
    static String resource(String name) {
        try (InputStream in = TpchSql.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + TpchSql.class.getName());
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line.stripTrailing()).append('\n');
                }
            }
            return sql.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** The statements of a resource, split at the semicolons that end its lines. */
    static List<String> statements(String name) {
        List<String> out = new ArrayList<>();
        for (String s : resource(name).split(";\\s*\n|;\\s*$")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
