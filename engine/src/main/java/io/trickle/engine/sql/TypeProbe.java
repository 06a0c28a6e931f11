package io.trickle.engine.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact column types of generated queries, from temporary views created inside a savepoint
 * that is rolled back. Used by the differential engine, which needs the type of every column of an
 * operator tree (for typed NULLs, equality and exact sums) and cannot compute them itself.
 */
public final class TypeProbe {

    private static final Logger LOG = LoggerFactory.getLogger(TypeProbe.class);

    private TypeProbe() {
    }

    /**
     * @throws SQLException when PostgreSQL rejects one of the queries (the savepoint is rolled back,
     *                      the transaction stays usable)
     */
    public static Map<String, List<PgType>> typesOf(Connection c, Map<String, String> queries) throws SQLException {
        Savepoint sp = c.setSavepoint("__pgt_types");
        try {
            Map<String, List<PgType>> out = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, String> q : queries.entrySet()) {
                String view = "__pgt_type_" + (++n);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP VIEW " + view + " AS " + q.getValue());
                } catch (SQLException e) {
                    LOG.debug("PostgreSQL rejects generated SQL ({}):\n{}", e.getMessage(), q.getValue());
                    throw e;
                }
                List<PgType> types = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + PgType.columnSql("a") + " FROM pg_attribute a"
                        + " WHERE a.attrelid = ('pg_temp.' || ?)::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                    ps.setString(1, view);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            types.add(PgType.read(rs, 1));
                        }
                    }
                }
                out.put(q.getKey(), types);
            }
            return out;
        } finally {
            c.rollback(sp);
        }
    }
}
