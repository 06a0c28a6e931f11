package io.trickle.engine.dvm;

import io.trickle.engine.sql.PgType;
import java.util.List;
import java.util.Map;

/**
 * Asks the database for the column types of queries (by name). The planner needs the type of every
 * column of the tree, which only PostgreSQL knows for expressions; the caller supplies the database.
 */
@FunctionalInterface
public interface TypeOracle {

    /** For each named query, the types of its output columns in order. */
    Map<String, List<PgType>> typesOf(Map<String, String> queries);
}
