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
 * @param baseRelations   the relations whose changes matter: relations named directly and those beneath user
 *                        views (tables, stream tables, and relations whose changes cannot be captured)
 * @param views           the user views the query reads, directly or through other views, expanded into
 *                        {@code baseRelations}
 * @param columnsUsed     per base relation and view OID, the columns the query (or its views) reads
 * @param volatileCalls   functions called that are VOLATILE
 * @param stableCalls     functions called that are STABLE
 * @param objects         what the query uses besides relations and built-ins — functions, operators,
 *                        types, collations… — by {@code catalog:oid}, with how PostgreSQL describes each
 *                        ({@code function public.f(integer)}); built-ins are never listed
 * @param pinnedText      the query as PostgreSQL prints it under {@code search_path = pg_catalog, pg_temp}:
 *                        everything outside {@code pg_catalog} schema-qualified
 */
public record ProbeResult(List<OutputColumn> outputColumns, List<Relation> readRelations, List<Relation> baseRelations,
                          List<Relation> views, Map<Long, Set<String>> columnsUsed, List<String> volatileCalls,
                          List<String> stableCalls, Map<String, String> objects, String pinnedText) {

    /** One output column of a query. */
    public record OutputColumn(String name, PgType type) {
    }

    public ProbeResult {
        outputColumns = List.copyOf(outputColumns);
        readRelations = List.copyOf(readRelations);
        baseRelations = List.copyOf(baseRelations);
        views = List.copyOf(views);
        columnsUsed = Map.copyOf(columnsUsed);
        volatileCalls = List.copyOf(volatileCalls);
        stableCalls = List.copyOf(stableCalls);
        objects = Map.copyOf(objects);
    }

    /** The first relation read whose changes cannot be captured, described ("pg_catalog.pg_class, a system catalog"). */
    public java.util.Optional<String> uncaptured() {
        for (Relation r : baseRelations) {
            java.util.Optional<String> why = r.kind().uncapturedBecause();
            if (why.isPresent()) {
                return java.util.Optional.of(r.qualifiedName() + ", " + why.get());
            }
        }
        return java.util.Optional.empty();
    }
}
