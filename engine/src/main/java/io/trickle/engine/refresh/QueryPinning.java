package io.trickle.engine.refresh;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.db.SearchPaths;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryProbe;
import io.trickle.engine.sql.QueryText;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a person's query into the text a stream table stores: one that means the same whatever the
 * search_path of whoever refreshes it, and that resolves functions, operators and types without a
 * schema a tenant can write to (issue 18). Every refresh, and every SQL the engine derives from the
 * query, runs under {@link SearchPaths#PINNED}.
 *
 * <p>The rule, decided by PostgreSQL's own resolution: relations are read with the person's
 * search_path (that is how they name their tables) and written schema-qualified; functions,
 * operators and types must resolve to the same objects under the pinned search_path as under the
 * person's. Built-ins do; an object someone created in a schema on the person's search_path is
 * chosen under it only when written schema-qualified. A query that would silently resolve a name to
 * something else — a tenant's {@code public.>} where the person meant the built-in, or their own
 * unqualified function — is refused, naming the objects, before anything exists.
 *
 * <p>The two readings are compared by what PostgreSQL records for each (output columns, relations,
 * and every object that is not built in), never by text.
 */
final class QueryPinning {

    private QueryPinning() {
    }

    /**
     * The text to store for {@code text}. Leaves the transaction's search_path pinned.
     *
     * @throws InvalidInputException when the query does not resolve (PostgreSQL's words), or resolves
     *                               to other objects without the person's search_path (naming them)
     */
    static String pin(Connection c, QueryText text) throws SQLException {
        return pin(c, text, SearchPaths.usersPath(c));
    }

    /** {@link #pin(Connection, QueryText)} for a query whose names are read with {@code usersPath}. */
    static String pin(Connection c, QueryText text, String usersPath) throws SQLException {
        SearchPaths.readWith(c, usersPath);
        RelationCatalog asUser = new RelationCatalog(c);
        ProbeResult asWritten = QueryProbe.probe(c, text, asUser);
        Optional<String> qualified = QueryQualifier.qualify(text.sql(), asUser);
        SearchPaths.pin(c);
        RelationCatalog pinned = new RelationCatalog(c);
        Set<String> candidates = new LinkedHashSet<>();
        qualified.ifPresent(candidates::add);
        candidates.add(text.sql());
        if (asWritten.objects().isEmpty()) {
            // Only built-ins and relations: PostgreSQL's own printing qualifies every relation.
            candidates.add(asWritten.pinnedText());
        }
        InvalidInputException unresolved = null;
        for (String candidate : candidates) {
            try {
                ProbeResult p = QueryProbe.probe(c, QueryText.check(candidate), pinned);
                if (sameMeaning(p, asWritten)) {
                    return candidate;
                }
            } catch (InvalidInputException e) {
                unresolved = unresolved == null ? e : unresolved;
            }
        }
        throw refusal(asWritten, usersPath, qualified.isPresent() ? null : unresolved);
    }

    private static boolean sameMeaning(ProbeResult pinned, ProbeResult asWritten) {
        return pinned.outputColumns().equals(asWritten.outputColumns())
                && oids(pinned.readRelations()).equals(oids(asWritten.readRelations()))
                && pinned.objects().keySet().equals(asWritten.objects().keySet());
    }

    private static Set<Long> oids(List<Relation> relations) {
        Set<Long> out = new LinkedHashSet<>();
        relations.forEach(r -> out.add(r.oid()));
        return out;
    }

    /** @param unresolved why the query as written does not resolve pinned, when Trickle could not qualify it */
    private static InvalidInputException refusal(ProbeResult asWritten, String usersPath, InvalidInputException unresolved) {
        if (unresolved != null) {
            return new InvalidInputException("Trickle cannot qualify this query's relations itself, and without the"
                    + " search_path (" + usersPath + ") " + unresolved.getMessage().replaceFirst("^the query ", "it ")
                    + ": write its relations, and any function, operator or type outside pg_catalog, schema-qualified");
        }
        if (!asWritten.objects().isEmpty()) {
            List<String> named = new ArrayList<>(asWritten.objects().values());
            return new InvalidInputException("the query uses " + String.join(", ", named) + " through the search_path ("
                    + usersPath + "); Trickle resolves functions, operators and types without a search_path, so that"
                    + " no role that may create objects in those schemas can run code as the engine: write each one"
                    + " schema-qualified (app.f(x), x OPERATOR(app.>) y, 'v'::app.t), or cast the arguments so that a"
                    + " built-in one applies");
        }
        return new InvalidInputException("the query does not mean the same without the search_path (" + usersPath
                + "); write its relations schema-qualified");
    }
}
