package io.trickle.engine.lifecycle;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.SearchPaths;
import io.trickle.engine.refresh.Deriver;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@code install} after the migrations: stream tables created before catalog 0.7.0.11 stored
 * their creator's search_path and were refreshed with it, so a role that may create objects in a
 * schema on it could slip a function or operator into their refreshes (issue 18). Each such query is
 * stored again so that it resolves under the pinned search_path, meaning exactly what it meant; one
 * that reaches a function, operator or type only through the old search_path goes to ERROR, saying
 * which and how to write it.
 */
public final class PinStoredQueries {

    private PinStoredQueries() {
    }

    /** Returns one line per stream table that could not be pinned (and is now in ERROR). */
    public static List<String> run(Database database) {
        List<StreamTableRow> legacy = database.withConnection("reading the stored queries",
                c -> new StreamTableRepository().all(c).stream().filter(r -> !SearchPaths.PINNED.equals(r.searchPath())).toList());
        List<String> refused = new ArrayList<>();
        for (StreamTableRow row : legacy) {
            String problem = database.transaction("pinning the query of " + row.displayName(), c -> pin(c, row));
            if (problem != null) {
                refused.add(problem);
            }
        }
        return refused;
    }

    private static String pin(Connection c, StreamTableRow row) throws java.sql.SQLException {
        StreamTableRepository tables = new StreamTableRepository();
        String problem = null;
        String pinned;
        try {
            pinned = Deriver.pinStored(c, row.definingQuery(), row.searchPath());
        } catch (InvalidInputException e) {
            pinned = row.definingQuery();
            problem = "stream table " + row.displayName() + " is in ERROR: " + e.getMessage()
                    + "; change its query with 'trickle alter " + row.displayName() + " --query …'";
        }
        tables.update(c, row.id(), "defining_query = ?, search_path = ?", pinned, SearchPaths.PINNED);
        if (problem != null) {
            tables.update(c, row.id(), "status = 'ERROR', last_error = ?", problem);
        }
        CatalogGeneration.bump(c, "pin the stored query of " + row.displayName());
        return problem;
    }
}
