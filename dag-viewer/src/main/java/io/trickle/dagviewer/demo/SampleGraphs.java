package io.trickle.dagviewer.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrapht.ListenableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultListenableGraph;

/**
 * The sample graphs of the demo, the benchmark and the tests. They are listenable, so a view redraws them when
 * they change. Vertex names read like stream tables only to make the pictures easy to follow.
 */
public final class SampleGraphs {

    private SampleGraphs() {
    }

    /** Four tables, each reading the one before. */
    public static ListenableGraph<String, DefaultEdge> chain() {
        ListenableGraph<String, DefaultEdge> g = empty();
        path(g, "orders_raw", "orders_clean", "orders_by_day", "revenue_by_month");
        return g;
    }

    /** One source read by two tables that a fourth one joins again. */
    public static ListenableGraph<String, DefaultEdge> diamond() {
        ListenableGraph<String, DefaultEdge> g = empty();
        path(g, "events", "sessions", "engagement");
        path(g, "events", "page_views", "engagement");
        return g;
    }

    /** A DAG of eight tables with a two-table cycle ({@code reachable} ⇄ {@code frontier}) in the middle. */
    public static ListenableGraph<String, DefaultEdge> cycleInDag() {
        ListenableGraph<String, DefaultEdge> g = empty();
        path(g, "customers", "order_facts", "reachable", "reach_summary", "dashboard");
        path(g, "orders", "order_facts");
        path(g, "reachable", "frontier", "reachable");
        path(g, "customers", "customer_360", "dashboard");
        return g;
    }

    /**
     * A random graph shaped like a real pipeline: vertices in tiers, most edges from one tier to the next or the
     * one after, every vertex past the first tier reading at least one earlier vertex, and {@code cycles} small
     * cycles (two or three vertices) among them. The same arguments always give the same graph.
     */
    public static ListenableGraph<String, DefaultEdge> generated(int vertices, int edges, int cycles, long seed) {
        if (vertices < 2 || edges < vertices - 1) {
            throw new IllegalArgumentException("need at least 2 vertices and vertices - 1 edges");
        }
        Random random = new Random(seed);
        ListenableGraph<String, DefaultEdge> g = empty();
        int tiers = Math.max(3, (int) Math.round(Math.sqrt(vertices) / 1.6));
        List<List<String>> byTier = new ArrayList<>();
        for (int t = 0; t < tiers; t++) {
            byTier.add(new ArrayList<>());
        }
        for (int i = 0; i < vertices; i++) {
            String name = String.format("st_%03d", i);
            g.addVertex(name);
            byTier.get(i * tiers / vertices).add(name);
        }
        for (int t = 1; t < tiers; t++) {
            for (String v : byTier.get(t)) {
                g.addEdge(near(byTier.get(t - 1), byTier.get(t).indexOf(v), byTier.get(t).size(), random), v);
            }
        }
        addCycles(g, byTier, cycles, random);
        int attempts = 0;
        while (g.edgeSet().size() < edges && attempts++ < edges * 20) {
            int t = random.nextInt(tiers - 1);
            int reach = Math.min(tiers - 1, t + 1 + random.nextInt(2));
            List<String> from = byTier.get(t);
            String u = from.get(random.nextInt(from.size()));
            String v = near(byTier.get(reach), from.indexOf(u), from.size(), random);
            g.addEdge(u, v);
        }
        return g;
    }

    private static void addCycles(ListenableGraph<String, DefaultEdge> g, List<List<String>> byTier, int cycles,
                                  Random random) {
        for (int c = 0; c < cycles; c++) {
            // Spread the cycles over the middle tiers so that they have readers and sources around them.
            int t = 1 + (c * (byTier.size() - 2)) / Math.max(1, cycles);
            List<String> tier = byTier.get(t);
            List<String> next = byTier.get(t + 1);
            String a = tier.get(random.nextInt(tier.size()));
            String b = near(next, tier.indexOf(a), tier.size(), random);
            g.addEdge(a, b);
            if (c % 3 == 2 && t + 2 < byTier.size()) {
                String d = near(byTier.get(t + 2), next.indexOf(b), next.size(), random);
                path(g, b, d, a);
            } else {
                g.addEdge(b, a);
            }
        }
    }

    /** A vertex of {@code tier} at about the same relative position as index {@code i} of {@code n}. */
    private static String near(List<String> tier, int i, int n, Random random) {
        int centre = (int) ((i + 0.5) * tier.size() / n);
        int spread = Math.max(2, tier.size() / 6);
        int pick = Math.floorMod(centre + random.nextInt(2 * spread + 1) - spread, tier.size());
        return tier.get(pick);
    }

    private static ListenableGraph<String, DefaultEdge> empty() {
        return new DefaultListenableGraph<>(new DefaultDirectedGraph<>(DefaultEdge.class));
    }

    private static void path(ListenableGraph<String, DefaultEdge> g, String... names) {
        for (String name : names) {
            g.addVertex(name);
        }
        for (int i = 1; i < names.length; i++) {
            g.addEdge(names[i - 1], names[i]);
        }
    }
}
