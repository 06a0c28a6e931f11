package io.trickle.engine.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What PostgreSQL says about a query: its output columns (names as CREATE VIEW would give them, and
 * exact types), the relations it reads (views expanded to the tables beneath them) with the columns
 * it uses, and the functions it calls that are not immutable.
 *
 * @param outputColumns   name and type of each output column, in order
 * @param readRelations   relations named in the query (tables, views, stream tables…)
 * @param baseRelations   the relations whose changes matter: tables named directly and the tables beneath views
 * @param columnsUsed     per base relation OID, the columns the query (or its views) reads
 * @param volatileCalls   functions called that are VOLATILE
 * @param stableCalls     functions called that are STABLE
 * @param objects         what the query uses besides relations and built-ins — functions, operators,
 *                        types, collations… — by {@code catalog:oid}, with how PostgreSQL describes each
 *                        ({@code function public.f(integer)}); built-ins are never listed
 * @param pinnedText      the query as PostgreSQL prints it under {@code search_path = pg_catalog, pg_temp}:
 *                        everything outside {@code pg_catalog} schema-qualified
 */
public record ProbeResult(List<OutputColumn> outputColumns, List<Relation> readRelations, List<Relation> baseRelations,
                          Map<Long, Set<String>> columnsUsed, List<String> volatileCalls, List<String> stableCalls,
                          Map<String, String> objects, String pinnedText) {

    /** One output column of a query. */
    public record OutputColumn(String name, PgType type) {
    }

    public ProbeResult {
        outputColumns = List.copyOf(outputColumns);
        readRelations = List.copyOf(readRelations);
        baseRelations = List.copyOf(baseRelations);
        columnsUsed = Map.copyOf(columnsUsed);
        volatileCalls = List.copyOf(volatileCalls);
        stableCalls = List.copyOf(stableCalls);
        objects = Map.copyOf(objects);
    }
}
