package io.trickle.desktop.services;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.ValidationResult;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.trickle.engine.api.ColumnInfo;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;

/**
 * The stream tables of the fake engine's pretend database: what list, the dependency graph, show,
 * history, refresh, create, alter and drop see and do, held in memory. Tests add tables and sources,
 * script failures and validation answers, and read back what the workbench asked for.
 */
public final class FakeCatalog {

    private final Map<String, StreamTableInfo> tables = new LinkedHashMap<>();
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final Map<String, DependencyGraph.Kind> sources = new LinkedHashMap<>();
    private final List<DependencyGraph.Edge> edges = new ArrayList<>();
    private final Map<String, Integer> sccs = new LinkedHashMap<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private final Map<String, String> refreshFailures = new LinkedHashMap<>();
    private ValidationResult validation = new ValidationResult(EffectiveMode.DIFFERENTIAL, null, List.of("id integer"),
            "Project [id]\n  Scan public.t", "keyed merge", "SELECT 1", List.of());
    private String validationRefusal;
    private final List<String> refreshed = new ArrayList<>();
    private final List<StreamTableDraft> created = new ArrayList<>();
    private final List<String> altered = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final List<String> validated = new ArrayList<>();
    private long nextRefreshId = 1;
    private final Map<String, WatermarkGroup> groups = new LinkedHashMap<>();
    private final Map<String, Instant> watermarks = new LinkedHashMap<>();
    private final List<String> watermarkEdits = new ArrayList<>();
    private String watermarksUnavailable;

    /** Adds a stream table reading {@code reads} (sources or stream tables), refreshed a second ago. */
    public FakeCatalog table(String name, String schedule, String... reads) {
        tables.put(name, new StreamTableInfo(name, "ACTIVE", RefreshMode.AUTO, EffectiveMode.DIFFERENTIAL, schedule, Instant.now(), 1.0, 0,
                null, null, null, null, null));
        queries.put(name, "SELECT * FROM " + String.join(", ", reads));
        for (String source : reads) {
            if (!tables.containsKey(source)) {
                sources.putIfAbsent(source, DependencyGraph.Kind.TABLE);
            }
            edges.add(new DependencyGraph.Edge(source, name));
        }
        return this;
    }

    public FakeCatalog replace(StreamTableInfo info) {
        tables.put(info.name(), info);
        return this;
    }

    public FakeCatalog scc(String name, int id) {
        sccs.put(name, id);
        return this;
    }

    public FakeCatalog failRefreshOf(String name, String message) {
        refreshFailures.put(name, message);
        return this;
    }

    public FakeCatalog validateAs(ValidationResult result) {
        validation = result;
        validationRefusal = null;
        return this;
    }

    public FakeCatalog refuseValidation(String message) {
        validationRefusal = message;
        return this;
    }

    public FakeCatalog addHistory(HistoryEntry entry) {
        history.add(0, entry);
        return this;
    }

    /** A watermark group, as if created earlier. */
    public FakeCatalog watermarkGroup(String name, Duration tolerance, String... sources) {
        groups.put(name, new WatermarkGroup(name, List.of(sources), tolerance, Instant.parse("2026-01-01T00:00:00Z")));
        return this;
    }

    /** A source's watermark, as if its loader advanced it. */
    public FakeCatalog watermark(String source, Instant at) {
        watermarks.put(source, at);
        return this;
    }

    /** Every watermark call fails as the engine does against a catalog that predates watermarks. */
    public FakeCatalog withoutWatermarks(String message) {
        watermarksUnavailable = message;
        return this;
    }

    /** A refresh the scheduler skipped because of a watermark group. */
    public FakeCatalog skipped(String name, String reason) {
        Instant now = Instant.now();
        return addHistory(new HistoryEntry(nextRefreshId++, name, "SKIP", "SKIPPED", InitiatedBy.SCHEDULER, 0, 0, now, null,
                null, reason, reason, null));
    }

    // ---------------------------------------------------------------------------------------------
    // What the data view, the properties and completion read: every relation has (id, label), rows 1..5
    // ---------------------------------------------------------------------------------------------

    RelationPreview preview(io.trickle.engine.api.PreviewRequest request) {
        requireRelation(request.relation());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            rows.add(List.of(Integer.toString(i), "row " + i));
        }
        if (request.descending()) {
            java.util.Collections.reverse(rows);
        }
        boolean more = rows.size() > request.limit();
        return new RelationPreview(request.relation(), List.of(new ColumnInfo("id", "integer"),
                new ColumnInfo("label", "text")), rows.subList(0, Math.min(rows.size(), request.limit())), more,
                request.orderBy(), request.descending());
    }

    RelationStats stats(String relation) {
        requireRelation(relation);
        return new RelationStats(relation, "table", "trickle", 5, 5L, 16384, 8192, 8192,
                List.of(new RelationStats.Index(relation.replace('.', '_') + "_pkey", "CREATE UNIQUE INDEX x ON "
                        + relation + " USING btree (id)", true, true, 8192)),
                List.of(new RelationStats.Grant("trickle", List.of("SELECT", "INSERT"))));
    }

    List<RelationOutline> outlines() {
        List<RelationOutline> out = new ArrayList<>();
        java.util.stream.Stream.concat(tables.keySet().stream(), sources.keySet().stream()).forEach(name -> {
            String[] parts = name.split("\\.", 2);
            out.add(new RelationOutline(parts[0], parts[1], "table", List.of(new ColumnInfo("id", "integer"),
                    new ColumnInfo("label", "text"))));
        });
        return out;
    }

    private void requireRelation(String name) {
        if (!tables.containsKey(name) && !sources.containsKey(name)) {
            throw new TrickleException.NotFoundException("relation " + name + " does not exist");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Watermarks, judged by the rule of issue 5: every source has a watermark and max − min ≤ tolerance
    // ---------------------------------------------------------------------------------------------

    /** Everything one catalog read brings; without watermark groups when the catalog predates them. */
    CatalogSnapshot snapshot(int historyRows) {
        List<WatermarkGroup> groupList = List.of();
        List<WatermarkGroupStatus> statuses = List.of();
        List<WatermarkInfo> infos = List.of();
        if (watermarksUnavailable == null) {
            groupList = List.copyOf(groups.values());
            statuses = statuses();
            infos = infos();
        }
        return new CatalogSnapshot(list(), graph(), Instant.now(), groupList, statuses, infos,
                history.stream().limit(historyRows).toList(), watermarksUnavailable);
    }

    private List<WatermarkGroupStatus> statuses() {
        List<WatermarkGroupStatus> statuses = new ArrayList<>();
        for (WatermarkGroup g : groups.values()) {
            List<Instant> marks = g.sources().stream().map(watermarks::get).filter(java.util.Objects::nonNull).toList();
            Instant min = marks.stream().min(Instant::compareTo).orElse(null);
            Instant max = marks.stream().max(Instant::compareTo).orElse(null);
            Duration lag = min == null ? null : Duration.between(min, max);
            boolean aligned = marks.size() == g.sources().size() && lag.compareTo(g.tolerance()) <= 0;
            statuses.add(new WatermarkGroupStatus(g.name(), min, max, lag, aligned, marks.size(), g.sources().size()));
        }
        return statuses;
    }

    private List<WatermarkInfo> infos() {
        List<WatermarkInfo> infos = new ArrayList<>();
        watermarks.forEach((source, at) -> infos.add(new WatermarkInfo(source, source.substring(0, source.indexOf('.')), at,
                Instant.now(), "etl_loader", "0/16B3748")));
        return infos;
    }

    WatermarkGroup createWatermarkGroup(String name, List<String> sources, Duration tolerance) {
        requireWatermarks();
        if (groups.containsKey(name)) {
            throw new TrickleException.InvalidInputException("watermark group " + name + " already exists");
        }
        if (sources.size() < 2) {
            throw new TrickleException.InvalidInputException("a watermark group needs at least two sources");
        }
        WatermarkGroup g = new WatermarkGroup(name, sources, tolerance, Instant.now());
        groups.put(name, g);
        watermarkEdits.add("create " + name + " " + sources + " " + tolerance);
        return g;
    }

    void dropWatermarkGroup(String name) {
        requireWatermarks();
        if (groups.remove(name) == null) {
            throw new TrickleException.InvalidInputException("watermark group " + name + " does not exist");
        }
        watermarkEdits.add("drop " + name);
    }

    void advanceWatermark(String source, Instant at) {
        requireWatermarks();
        Instant current = watermarks.get(source);
        if (current != null && at.isBefore(current)) {
            throw new TrickleException.InvalidInputException("watermark of " + source + " may not move backward: it is "
                    + current + ", " + at + " is older");
        }
        watermarks.put(source, at);
        watermarkEdits.add("advance " + source + " " + at);
    }

    private void requireWatermarks() {
        if (watermarksUnavailable != null) {
            throw new TrickleException.ActionFailedException(watermarksUnavailable);
        }
    }

    /** The watermark changes the workbench made, in order. */
    public List<String> watermarkEdits() {
        return watermarkEdits;
    }

    public Map<String, WatermarkGroup> groups() {
        return groups;
    }

    public Map<String, Instant> watermarks() {
        return watermarks;
    }

    // ---------------------------------------------------------------------------------------------
    // What the fake session does
    // ---------------------------------------------------------------------------------------------

    List<StreamTableInfo> list() {
        return List.copyOf(tables.values());
    }

    DependencyGraph graph() {
        List<DependencyGraph.Node> nodes = new ArrayList<>();
        tables.values().forEach(t -> nodes.add(new DependencyGraph.Node(t.name(), DependencyGraph.Kind.STREAM_TABLE,
                t.status(), sccs.get(t.name()))));
        sources.forEach((name, kind) -> nodes.add(new DependencyGraph.Node(name, kind, null, null)));
        return new DependencyGraph(nodes, edges);
    }

    StreamTableDetails show(String name) {
        StreamTableInfo t = existing(name);
        return new StreamTableDetails(name, t.status(), t.refreshMode(), t.effectiveMode(), null, t.schedule(),
                queries.get(name), queries.get(name), List.of("id integer", "total numeric", "__pgt_row_id bigint"),
                "unique (hash of a key)", List.of(), "Scan " + name, "keyed merge", "SELECT delta", "SELECT full", null);
    }

    RefreshResult refresh(String name, boolean full) {
        existing(name);
        refreshed.add(name);
        Instant now = Instant.now();
        String failure = refreshFailures.get(name);
        if (failure != null) {
            addHistory(new HistoryEntry(nextRefreshId++, name, full ? "FULL" : "DIFFERENTIAL", "FAILED", InitiatedBy.MANUAL, 0, 0,
                    now, now, 1.0, null, failure, null));
            throw new TrickleException.ActionFailedException(failure);
        }
        RefreshAction action = full ? RefreshAction.FULL : RefreshAction.DIFFERENTIAL;
        addHistory(new HistoryEntry(nextRefreshId++, name, action.name(), "COMPLETED", InitiatedBy.MANUAL, 3, 1, now, now, 4.0,
                null, null, null));
        StreamTableInfo t = tables.get(name);
        tables.put(name, new StreamTableInfo(name, t.status(), t.refreshMode(), t.effectiveMode(), t.schedule(), now,
                0.0, 0, null, null, null, null, null));
        return new RefreshResult(name, action, 3, 1, 4.0, null);
    }

    List<HistoryEntry> history(String name, int limit) {
        return history.stream().filter(e -> name == null || e.name().equals(name)).limit(limit).toList();
    }

    ValidationResult validate(String query, String mode) {
        validated.add(mode + ": " + query);
        if (validationRefusal != null) {
            throw new TrickleException.InvalidInputException(validationRefusal);
        }
        return validation;
    }

    CreateResult create(StreamTableDraft draft) {
        if (tables.containsKey(draft.name())) {
            throw new TrickleException.InvalidInputException("stream table " + draft.name() + " already exists");
        }
        created.add(draft);
        tables.put(draft.name(), new StreamTableInfo(draft.name(), "ACTIVE", RefreshMode.parse(draft.mode()), EffectiveMode.DIFFERENTIAL,
                draft.schedule(), Instant.now(), 0.0, 0, null, null, null, null, null));
        queries.put(draft.name(), draft.query());
        return new CreateResult(draft.name(), RefreshMode.parse(draft.mode()), EffectiveMode.DIFFERENTIAL, null, 42, draft.initialize(), List.of());
    }

    StreamTableInfo alter(String name, StreamTableChange change) {
        StreamTableInfo t = existing(name);
        altered.add(name + " " + change);
        if (change.query() != null) {
            queries.put(name, change.query());
        }
        StreamTableInfo now = new StreamTableInfo(name, change.status() == null ? t.status() : change.status(),
                change.mode() == null ? t.refreshMode() : RefreshMode.parse(change.mode()), t.effectiveMode(),
                change.schedule() == null ? t.schedule() : change.schedule(), t.lastRefreshAt(), t.stalenessSeconds(),
                t.consecutiveErrors(), t.lastError(), null, null, null, null);
        tables.put(name, now);
        return now;
    }

    List<String> drop(String name, boolean cascade) {
        existing(name);
        List<String> readers = edges.stream().filter(e -> e.from().equals(name)).map(DependencyGraph.Edge::to).toList();
        if (!readers.isEmpty() && !cascade) {
            throw new TrickleException.ActionFailedException("cannot drop " + name + ": read by " + readers);
        }
        List<String> out = new ArrayList<>(List.of(name));
        readers.forEach(r -> out.addAll(drop(r, true)));
        tables.remove(name);
        edges.removeIf(e -> e.from().equals(name) || e.to().equals(name));
        dropped.add(name);
        return out;
    }

    private StreamTableInfo existing(String name) {
        StreamTableInfo t = tables.get(name);
        if (t == null) {
            throw new TrickleException.NotFoundException("stream table " + name + " does not exist");
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------
    // What tests read back
    // ---------------------------------------------------------------------------------------------

    public List<String> refreshed() {
        return refreshed;
    }

    public List<StreamTableDraft> created() {
        return created;
    }

    public List<String> altered() {
        return altered;
    }

    public List<String> dropped() {
        return dropped;
    }

    public List<String> validated() {
        return validated;
    }

    public boolean has(String name) {
        return tables.containsKey(name);
    }
}
