package io.trickle.engine.demo;

import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo that {@code trickle demo}, the workbench's {@code --demo} and its "Embedded demo" profile
 * share ({@link io.trickle.engine.embedded.Demo}): a small shop with customers, products, orders and their items,
 * and stream tables over them and over each other on several schedules. Installing is idempotent:
 * every step makes only what is missing and reports what it made, so a second install reports nothing.
 *
 * <p>The demo grows with the engine, one step per feature; see {@link #STEPS}.
 */
public final class DemoInstaller {

    /** The steps, in order. */
    static final List<DemoStep> STEPS = List.of(
            new ShopSources(),
            new ShopStreamTables(),
            new EtlWatermarkGroup(),
            new ReferralCycle()
    );

    /** The schemas the demo owns: a reset drops them with everything in them. */
    static final List<String> SCHEMAS = List.of("shop", "reporting", "etl");

    private DemoInstaller() {
    }

    /**
     * Installs what is missing of the demo into the database both arguments reach; the catalog must
     * be installed. Returns what was created, in order ({@code "table shop.orders"},
     * {@code "stream table shop.order_totals"}, …); empty when everything was there.
     */
    public static List<String> install(Trickle trickle, Database database) {
        List<String> created = new ArrayList<>();
        for (DemoStep step : STEPS) {
            try {
                created.addAll(step.install(trickle, database));
            } catch (TrickleException e) {
                throw new TrickleException.ActionFailedException("installing the demo (" + step.title() + ") failed: "
                        + e.getMessage(), e);
            }
        }
        return created;
    }

    /**
     * Puts the demo back as a first install leaves it: drops every stream table stored in the demo's
     * schemas or reading from them (with the stream tables that read those), the demo's watermark
     * group and its sources' watermarks, the schemas with everything in them, and the demo's setting,
     * then installs the demo again. Stream tables elsewhere that read none of it stay.
     *
     * @return what it dropped ({@code "dropped stream table shop.order_totals"}, …), then what it created
     */
    public static List<String> reset(Trickle trickle, Database database) {
        List<String> done = new ArrayList<>();
        try {
            for (String name : streamTablesOfTheDemo(trickle.dependencyGraph())) {
                Set<String> existing = new HashSet<>();
                trickle.list().forEach(t -> existing.add(t.name()));
                if (existing.contains(name)) {
                    trickle.drop(name, true).forEach(dropped -> done.add("dropped stream table " + dropped));
                }
            }
            if (trickle.watermarkGroups().stream().anyMatch(g -> g.name().equals(EtlWatermarkGroup.GROUP))) {
                trickle.dropWatermarkGroup(EtlWatermarkGroup.GROUP);
                done.add("dropped watermark group " + EtlWatermarkGroup.GROUP);
            }
            done.addAll(database.transaction("dropping the demo's schemas", c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM pgtrickle.pgt_watermarks w
                         USING pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
                         WHERE r.oid = w.source AND n.nspname = ANY (?)""")) {
                    ps.setArray(1, c.createArrayOf("text", SCHEMAS.toArray()));
                    ps.executeUpdate();
                }
                for (String schema : SCHEMAS) {
                    if (ShopSources.exists(c, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?", schema)) {
                        ShopSources.execute(c, "DROP SCHEMA " + PgQuote.ident(schema) + " CASCADE");
                        out.add("dropped schema " + schema);
                    }
                }
                return out;
            }));
            trickle.resetSetting("allow_circular");
        } catch (TrickleException e) {
            throw new TrickleException.ActionFailedException("resetting the demo failed: " + e.getMessage(), e);
        }
        done.addAll(install(trickle, database));
        return done;
    }

    /**
     * The stream tables stored in the demo's schemas or reading a relation there. Their order does not
     * matter: each is dropped with the stream tables that read it.
     */
    static List<String> streamTablesOfTheDemo(DependencyGraph graph) {
        Set<String> out = new LinkedHashSet<>();
        for (DependencyGraph.Node node : graph.nodes()) {
            if (node.kind() == DependencyGraph.Kind.STREAM_TABLE && inDemoSchema(node.name())) {
                out.add(node.name());
            }
        }
        for (DependencyGraph.Edge edge : graph.edges()) {
            if (inDemoSchema(edge.from())) {
                out.add(edge.to());
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean inDemoSchema(String name) {
        return SCHEMAS.contains(QualifiedName.parse(name).schema());
    }
}
