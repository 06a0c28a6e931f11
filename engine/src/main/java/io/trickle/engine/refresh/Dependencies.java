package io.trickle.engine.refresh;

import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.Set;

/**
 * Records what a stream table reads (the relations beneath any views, with the columns used, and the
 * views themselves, whose definitions are watched) and makes sure every table whose changes can be
 * captured is captured. Relations whose changes cannot be captured (system catalogs, foreign tables,
 * …) are recorded too: a refresh that reads one never concludes that nothing changed.
 */
public final class Dependencies {

    private Dependencies() {
    }

    /** Replaces the dependency rows of a stream table with those of a derivation; returns the captures. */
    public static List<CaptureInfo> record(Connection c, long pgtId, Derivation derivation, String triggerMode)
            throws SQLException {
        DependencyRepository repo = new DependencyRepository();
        CaptureInstaller installer = new CaptureInstaller();
        repo.deleteFor(c, pgtId);
        Map<Long, Set<String>> read = columnsRead(derivation);
        List<CaptureInfo> captured = new ArrayList<>();
        boolean immediate = immediate(derivation);
        for (Relation r : derivation.probe().baseRelations()) {
            repo.insert(c, pgtId, r.oid(), sourceType(r), List.copyOf(read.getOrDefault(r.oid(), Set.of())));
            // An IMMEDIATE table's writers maintain it: it reads no change buffer.
            if (r.kind().capturable() && !immediate) {
                captured.add(installer.ensure(c, r, triggerMode));
            }
        }
        for (Relation v : derivation.probe().views()) {
            repo.insert(c, pgtId, v.oid(), "VIEW", List.copyOf(derivation.probe().columnsUsed().getOrDefault(v.oid(), Set.of())));
        }
        return captured;
    }

    static boolean immediate(Derivation derivation) {
        return derivation.effectiveMode() == io.trickle.engine.api.EffectiveMode.IMMEDIATE;
    }

    /**
     * What a lifecycle transaction that installs, changes or removes this derivation's IMMEDIATE
     * triggers must lock against writers first (capture changes are committed before, by
     * {@link io.trickle.engine.cdc.CaptureFirst}): for an IMMEDIATE table (before or after,
     * {@code immediateBefore}) every source, together with the
     * sources beneath the IMMEDIATE tables it reads (their writers maintain it in cascade and would
     * otherwise hold its lock while waiting for the sources this transaction locked). In the order
     * of their OIDs, so that two such transactions take them alike.
     */
    public static List<Relation> toLock(Connection c, Derivation derivation, boolean immediateBefore, long... moreSources)
            throws SQLException {
        List<Relation> out = new ArrayList<>();
        if (!immediate(derivation) && !immediateBefore) {
            return out;
        }
        List<Long> roots = new ArrayList<>();
        // The sources' IMMEDIATE triggers are installed, dropped or rewritten.
        for (Relation r : derivation.probe().baseRelations()) {
            if (r.kind().capturable()) {
                roots.add(r.oid());
            }
        }
        for (long oid : moreSources) {
            roots.add(oid);
        }
        RelationCatalog catalog = new RelationCatalog(c);
        Set<Long> have = new HashSet<>();
        out.forEach(r -> have.add(r.oid()));
        for (String name : ImmediateCompiler.beneath(c, roots)) {
            catalog.byName(name).filter(r -> have.add(r.oid())).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparingLong(Relation::oid));
        return out;
    }

    /**
     * Base relations whose capture must be installed or changed for this derivation — its columns,
     * or where its triggers go in a partition or inheritance tree (done first, in a transaction of its
     * own: {@link io.trickle.engine.cdc.CaptureFirst}).
     */
    public static List<Relation> needingCapture(Connection c, Derivation derivation) throws SQLException {
        return List.copyOf(captureNeeds(c, derivation).keySet());
    }

    /** As {@link #needingCapture}, with the columns the derivation reads of each. */
    public static Map<Relation, Set<String>> captureNeeds(Connection c, Derivation derivation) throws SQLException {
        CaptureInstaller installer = new CaptureInstaller();
        Map<Long, Set<String>> read = columnsRead(derivation);
        Map<Relation, Set<String>> out = new java.util.LinkedHashMap<>();
        if (immediate(derivation)) {
            return out;
        }
        for (Relation r : derivation.probe().baseRelations()) {
            Set<String> columns = read.getOrDefault(r.oid(), Set.of());
            if (r.kind().capturable() && !installer.toLock(c, r, columns).isEmpty()) {
                out.put(r, columns);
            }
        }
        return out;
    }

    /**
     * Throws {@link io.trickle.engine.cdc.CaptureFirst.Moved} when capture of this derivation's
     * sources needs a change after all (in a transaction that must not change it: its snapshot is taken).
     */
    public static void requireCaptured(Connection c, Derivation derivation, String what) throws SQLException {
        if (!captureNeeds(c, derivation).isEmpty()) {
            throw new io.trickle.engine.cdc.CaptureFirst.Moved(what);
        }
    }

    /**
     * The columns of each base relation the table depends on: those the query reads, and those the
     * differential plan reads on top (a key it keeps for row identity, say), which capture must hold.
     * A table refreshed in full depends on every column: PostgreSQL's dependency records do not tell
     * a whole-row reference ({@code t.*} in an expression) from none, and a full refresh must not
     * miss a change such a reference sees.
     */
    private static Map<Long, Set<String>> columnsRead(Derivation derivation) {
        Map<Long, Set<String>> out = new HashMap<>();
        derivation.probe().columnsUsed().forEach((oid, cols) -> out.put(oid, new LinkedHashSet<>(cols)));
        if (derivation.storage().plan() != null) {
            derivation.storage().plan().sourceColumns().forEach((r, cols) ->
                    out.computeIfAbsent(r.oid(), k -> new LinkedHashSet<>()).addAll(cols));
        } else {
            for (Relation r : derivation.probe().baseRelations()) {
                r.visibleColumns().forEach(col -> out.computeIfAbsent(r.oid(), k -> new LinkedHashSet<>()).add(col.name()));
            }
        }
        return out;
    }

    static String sourceType(Relation r) {
        if (r.streamTable()) {
            return "STREAM_TABLE";
        }
        return switch (r.kind()) {
            case TABLE, PARTITIONED_TABLE, TEMPORARY_TABLE -> "TABLE";
            case VIEW -> "VIEW";
            case MATERIALIZED_VIEW -> "MATVIEW";
            case FOREIGN_TABLE -> "FOREIGN_TABLE";
            case SEQUENCE -> "SEQUENCE";
            case SYSTEM_TABLE, SYSTEM_VIEW, OTHER -> "SYSTEM";
        };
    }

    /** Whether the source has a change buffer of its own. */
    static boolean capturable(String sourceType) {
        return sourceType.equals("TABLE") || sourceType.equals("STREAM_TABLE");
    }

    /**
     * Whether the engine sees every change of the source: through its own buffer, or, for a view,
     * through the buffers of the relations beneath it (recorded beside it).
     */
    static boolean changesSeen(String sourceType) {
        return capturable(sourceType) || sourceType.equals("VIEW");
    }
}
