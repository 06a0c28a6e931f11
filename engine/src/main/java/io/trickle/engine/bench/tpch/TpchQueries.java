package io.trickle.engine.bench.tpch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The 22 TPC-H queries with fixed substitution parameters (the specification's validation values,
 * named in each file's header), read from {@code queries/qNN.sql} beside this class.
 */
public final class TpchQueries {

    public static final int COUNT = 22;

    private TpchQueries() {
    }

    /** All 22, in order, against {@code schema}. */
    public static List<TpchQuery> all(String schema) {
        List<TpchQuery> out = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            String name = name(i);
            out.add(new TpchQuery(name, TpchSql.inSchema(TpchSql.resource("queries/" + name + ".sql"), schema)));
        }
        return out;
    }

    /**
     * The queries named in {@code names} ({@code q5}, {@code Q05} and {@code 5} all mean q05), in order;
     * all of them when {@code names} is empty.
     *
     * @throws IllegalArgumentException naming an entry that is not one of the 22
     */
    public static List<TpchQuery> select(String schema, Collection<String> names) {
        if (names.isEmpty()) {
            return all(schema);
        }
        Set<String> wanted = new TreeSet<>();
        for (String n : names) {
            wanted.add(canonical(n));
        }
        return all(schema).stream().filter(q -> wanted.contains(q.name())).toList();
    }

    private static String canonical(String given) {
        String digits = given.strip().toLowerCase(Locale.ROOT);
        digits = digits.startsWith("q") ? digits.substring(1) : digits;
        try {
            int n = Integer.parseInt(digits);
            if (n >= 1 && n <= COUNT) {
                return name(n);
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the name as given
        }
        throw new IllegalArgumentException("unknown TPC-H query '" + given + "': use q01 … q22");
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "q%02d", i);
    }
}
