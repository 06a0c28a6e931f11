package io.trickle.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The stream tables and the relations they read, as a JGraphT graph whose vertices are relation
 * OIDs (a stream table is its storage table) and whose edges follow the data: source → reader.
 * Built once per catalog generation; every question asked of it is answered from the graph alone.
 *
 * <p><b>Levels.</b> A stream table's level is 0 when it reads no other stream table, else one more
 * than the highest level among the stream tables it reads. Plain sources add no level. Refreshing
 * level by level means a reader always runs after everything it reads.
 *
 * <p><b>Cycles.</b> Members of a strongly connected component larger than one table (or a table
 * reading itself) have no level: each such component is a {@link Cycle}, refreshed as one unit to a
 * fixpoint by the scheduler rather than level by level. They are not part of any diamond's
 * consistency set either, since a cycle's refreshes cannot share one snapshot with a level's.
 *
 * <p><b>Diamonds.</b> When two inputs of a table {@code D} share an ancestor {@code X}, the stream
 * tables strictly between {@code X} and {@code D} form {@code D}'s consistency set: refreshing
 * {@code D} from some of them but not the others would combine two versions of {@code X}.
 */
public final class DependencyGraph {

    private final Graph<Long, DefaultEdge> relations = new DefaultDirectedGraph<>(DefaultEdge.class);
    private final Map<Long, GraphTable> byId = new LinkedHashMap<>();
    private final Map<Long, GraphTable> byStorage = new HashMap<>();
    private final List<List<GraphTable>> levels;
    private final Map<Long, Integer> levelOf = new HashMap<>();
    private final Set<Long> cyclic = new HashSet<>();
    private final List<Cycle> cycles = new ArrayList<>();
    private final Map<Long, Set<Long>> consistencySets = new HashMap<>();

    private DependencyGraph(Collection<GraphTable> tables, Collection<Read> reads) {
        for (GraphTable t : tables) {
            byId.put(t.id(), t);
            byStorage.put(t.storageOid(), t);
            relations.addVertex(t.storageOid());
        }
        for (Read r : reads) {
            GraphTable reader = byId.get(r.readerId());
            if (reader == null) {
                continue;
            }
            relations.addVertex(r.sourceOid());
            relations.addEdge(r.sourceOid(), reader.storageOid());
        }
        this.levels = computeLevels();
    }

    /** The graph of {@code tables}; reads by tables not in the list are ignored. */
    public static DependencyGraph of(Collection<GraphTable> tables, Collection<Read> reads) {
        return new DependencyGraph(tables, reads);
    }

    public Collection<GraphTable> tables() {
        return Collections.unmodifiableCollection(byId.values());
    }

    public Optional<GraphTable> table(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Stream tables by level, level 0 first; tables in cycles are not included. */
    public List<List<GraphTable>> levels() {
        return levels;
    }

    /** The level of a table, or empty for a table in a cycle or an unknown id. */
    public Optional<Integer> level(long id) {
        return Optional.ofNullable(levelOf.get(id));
    }

    /** Ids of the stream tables that belong to a cycle. */
    public Set<Long> cyclicTables() {
        return Collections.unmodifiableSet(cyclic);
    }

    /** The strongly connected components that are cycles, ordered by their smallest member id. */
    public List<Cycle> cycles() {
        return Collections.unmodifiableList(cycles);
    }

    /** The cycle {@code id} belongs to, if any. */
    public Optional<Cycle> cycleOf(long id) {
        return cycles.stream().filter(c -> c.contains(id)).findFirst();
    }

    /**
     * A shortest path of reads that leads from {@code id} back to itself, as the tables along it in the
     * direction data flows ({@code a, b} when b reads a and a reads b; just {@code a} when a reads
     * itself); empty when {@code id} is in no cycle. What a refusal shows to explain a cycle.
     */
    public List<GraphTable> cyclePath(long id) {
        GraphTable start = byId.get(id);
        if (start == null || !cyclic.contains(id)) {
            return List.of();
        }
        Map<Long, Long> cameFrom = new HashMap<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(start.storageOid());
        while (!todo.isEmpty()) {
            long v = todo.poll();
            for (long next : Graphs.successorListOf(relations, v)) {
                if (!byStorage.containsKey(next)) {
                    continue;
                }
                if (next == start.storageOid()) {
                    List<GraphTable> path = new ArrayList<>();
                    for (Long at = v; at != null; at = cameFrom.get(at)) {
                        path.add(0, byStorage.get(at));
                    }
                    return List.copyOf(path);
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, v);
                    todo.add(next);
                }
            }
        }
        throw new IllegalStateException("no path back to " + start.name() + " although it is in a cycle");
    }

    /** Ids of the stream tables {@code id} reads directly. */
    public Set<Long> upstreamTables(long id) {
        return neighbourTables(id, v -> Graphs.predecessorListOf(relations, v));
    }

    /** Ids of the stream tables that read {@code id} directly. */
    public Set<Long> readers(long id) {
        return neighbourTables(id, v -> Graphs.successorListOf(relations, v));
    }

    /**
     * Ids of the stream tables that must be refreshed together with {@code id} so that it never
     * combines two versions of a shared ancestor (see the class comment); empty when {@code id} is
     * not the meeting point of a diamond.
     */
    public Set<Long> consistencySet(long id) {
        return consistencySets.computeIfAbsent(id, this::computeConsistencySet);
    }

    private Set<Long> neighbourTables(long id, Function<Long, List<Long>> step) {
        GraphTable t = byId.get(id);
        if (t == null) {
            return Set.of();
        }
        Set<Long> out = new HashSet<>();
        for (long oid : step.apply(t.storageOid())) {
            GraphTable other = byStorage.get(oid);
            if (other != null) {
                out.add(other.id());
            }
        }
        return out;
    }

    private List<List<GraphTable>> computeLevels() {
        Graph<Long, DefaultEdge> tablesOnly = new AsSubgraph<>(relations, byStorage.keySet());
        for (Set<Long> scc : new KosarajuStrongConnectivityInspector<>(tablesOnly).stronglyConnectedSets()) {
            if (scc.size() > 1 || tablesOnly.containsEdge(scc.iterator().next(), scc.iterator().next())) {
                List<GraphTable> members = scc.stream().map(byStorage::get).sorted(Comparator.comparingLong(GraphTable::id))
                        .toList();
                members.forEach(t -> cyclic.add(t.id()));
                cycles.add(new Cycle(members));
            }
        }
        cycles.sort(Comparator.comparingLong(c -> c.members().get(0).id()));
        Set<Long> acyclic = new HashSet<>(byStorage.keySet());
        cyclic.forEach(id -> acyclic.remove(byId.get(id).storageOid()));
        Graph<Long, DefaultEdge> dag = new AsSubgraph<>(tablesOnly, acyclic);
        Map<Long, Integer> levelByOid = new HashMap<>();
        int deepest = -1;
        for (TopologicalOrderIterator<Long, DefaultEdge> it = new TopologicalOrderIterator<>(dag,
                Comparator.naturalOrder()); it.hasNext(); ) {
            long oid = it.next();
            int level = 0;
            for (long up : Graphs.predecessorListOf(dag, oid)) {
                level = Math.max(level, levelByOid.get(up) + 1);
            }
            levelByOid.put(oid, level);
            levelOf.put(byStorage.get(oid).id(), level);
            deepest = Math.max(deepest, level);
        }
        List<List<GraphTable>> out = new ArrayList<>();
        for (int i = 0; i <= deepest; i++) {
            out.add(new ArrayList<>());
        }
        for (GraphTable t : byId.values()) {
            Integer level = levelOf.get(t.id());
            if (level != null) {
                out.get(level).add(t);
            }
        }
        return out.stream().map(List::copyOf).toList();
    }

    private Set<Long> computeConsistencySet(long id) {
        GraphTable meeting = byId.get(id);
        if (meeting == null || cyclic.contains(id)) {
            return Set.of();
        }
        List<Long> inputs = Graphs.predecessorListOf(relations, meeting.storageOid());
        if (inputs.size() < 2) {
            return Set.of();
        }
        Map<Long, Integer> reachedBy = new HashMap<>();
        for (long input : inputs) {
            Set<Long> reach = walk(input, v -> Graphs.predecessorListOf(relations, v));
            reach.forEach(v -> reachedBy.merge(v, 1, Integer::sum));
        }
        Set<Long> shared = new HashSet<>();
        reachedBy.forEach((v, n) -> {
            if (n >= 2) {
                shared.add(v);
            }
        });
        if (shared.isEmpty()) {
            return Set.of();
        }
        Set<Long> aboveShared = new HashSet<>();
        for (long x : shared) {
            aboveShared.addAll(walk(x, v -> Graphs.predecessorListOf(relations, v)));
        }
        Set<Long> ancestorsOfMeeting = walk(meeting.storageOid(), v -> Graphs.predecessorListOf(relations, v));
        Set<Long> members = new HashSet<>();
        for (long x : shared) {
            for (long v : walk(x, w -> Graphs.successorListOf(relations, w))) {
                GraphTable t = byStorage.get(v);
                if (t != null && t.id() != id && !cyclic.contains(t.id()) && ancestorsOfMeeting.contains(v)
                        && !aboveShared.contains(v)) {
                    members.add(t.id());
                }
            }
        }
        return Set.copyOf(members);
    }

    /** {@code start} and every vertex reachable from it by {@code step}. */
    private static Set<Long> walk(long start, Function<Long, List<Long>> step) {
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            long v = todo.poll();
            if (seen.add(v)) {
                todo.addAll(step.apply(v));
            }
        }
        return seen;
    }
}
