package io.trickle.engine.lifecycle;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.catalog.CatalogInstaller;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What create and alter check before anything exists (issue 18): every right the engine's role will
 * need for the stream table's whole life — to create it, capture its sources, refresh it and drop it
 * again — and the places a stream table may not live or read from. A refusal names the object and
 * gives the GRANT to run (exit 2).
 *
 * <p>The rights, as the README lists them: CREATE on the stream table's schema; USAGE on the schemas
 * and SELECT on the relations the query reads; and on each table whose changes are captured,
 * ownership or the TRIGGER privilege (capture is installed by CREATE TRIGGER and removed with the
 * engine's own capture function, so neither LOCK nor DROP TRIGGER rights are needed). A table whose
 * row-level security hides rows from the engine's role is refused: the stream table could not equal
 * its query, and the change buffer would hold rows the policy hides.
 */
final class SourceRights {

    /** Schemas that hold Trickle's own objects: no stream table lives in them or reads from them. */
    private static final Set<String> TRICKLE_SCHEMAS = Set.of(CatalogInstaller.SCHEMA, CatalogInstaller.CHANGES_SCHEMA);
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema");

    private SourceRights() {
    }

    /** Where a stream table named {@code name} may be created: not among Trickle's or the system's objects. */
    static void requirePlace(Connection c, QualifiedName name) throws SQLException {
        String schema = name.schema();
        if (TRICKLE_SCHEMAS.contains(schema)) {
            throw new InvalidInputException("cannot create stream table " + name + ": schema " + schema
                    + " holds Trickle's own catalog, which uninstall removes; choose another schema");
        }
        if (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_")) {
            throw new InvalidInputException("cannot create stream table " + name + ": schema " + schema
                    + " is a system schema; choose another schema");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT has_schema_privilege(n.oid, 'CREATE'), current_user
                  FROM pg_namespace n WHERE n.nspname = ?""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !rs.getBoolean(1)) {
                    throw new InvalidInputException("cannot create stream table " + name + ": role " + rs.getString(2)
                            + " may not create tables in schema " + schema + " (GRANT CREATE ON SCHEMA "
                            + QualifiedName.display(schema) + " TO " + QualifiedName.display(rs.getString(2)) + ")");
                }
            }
        }
    }

    /**
     * The rights the query's relations need.
     *
     * @param doing          what is refused, e.g. {@code create stream table public.x}
     * @param needingCapture the tables whose capture this stream table will install
     */
    static void requireSources(Connection c, String doing, ProbeResult probe, List<Relation> needingCapture)
            throws SQLException {
        String context = "cannot " + doing + ": ";
        Set<Relation> all = new LinkedHashSet<>(probe.readRelations());
        all.addAll(probe.baseRelations());
        List<String> grants = new ArrayList<>();
        String role = null;
        for (Relation r : all) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.relpersistence = 't',
                           has_table_privilege(c.oid, 'SELECT') OR has_any_column_privilege(c.oid, 'SELECT'),
                           pg_has_role(c.relowner, 'USAGE') OR has_table_privilege(c.oid, 'TRIGGER'),
                           row_security_active(c.oid),
                           current_user
                      FROM pg_class c WHERE c.oid = ?""")) {
                ps.setLong(1, r.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    role = rs.getString(5);
                    String table = r.qualifiedName();
                    if (TRICKLE_SCHEMAS.contains(r.schema())) {
                        throw new InvalidInputException(context + "it reads " + table
                                + ", part of Trickle's own catalog, which a stream table cannot be maintained from");
                    }
                    if (rs.getBoolean(1)) {
                        throw new InvalidInputException(context + "it reads " + table
                                + ", a temporary table, which only its own session can see");
                    }
                    boolean captured = needingCapture.stream().anyMatch(n -> n.oid() == r.oid());
                    if (captured && SYSTEM_SCHEMAS.contains(r.schema())) {
                        throw new InvalidInputException(context + "it reads " + table
                                + ", a system catalog, whose changes cannot be captured");
                    }
                    if (!rs.getBoolean(2)) {
                        grants.add("GRANT SELECT ON " + table + " TO " + QualifiedName.display(role));
                    }
                    if (captured && !rs.getBoolean(3)) {
                        grants.add("GRANT TRIGGER ON " + table + " TO " + QualifiedName.display(role));
                    }
                    if (rs.getBoolean(4) && probe.baseRelations().stream().anyMatch(b -> b.oid() == r.oid())) {
                        throw new InvalidInputException(context + "row-level security on " + table
                                + " hides rows from role " + role + ", so the stream table could not equal its query"
                                + " and its change buffer would hold rows the policy hides; maintain it as a role the"
                                + " policy does not apply to (the table's owner without FORCE ROW LEVEL SECURITY, or a"
                                + " role with BYPASSRLS)");
                    }
                }
            }
        }
        if (!grants.isEmpty()) {
            throw new InvalidInputException(context + "role " + role + " lacks privileges the stream table needs for"
                    + " its whole life (reading, capturing changes, refreshing and dropping it): " + String.join("; ", grants));
        }
    }
}
