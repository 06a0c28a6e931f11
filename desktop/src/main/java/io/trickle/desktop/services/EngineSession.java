package io.trickle.desktop.services;

import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.EngineEvent;
import io.trickle.engine.api.PreviewRequest;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.ValidationResult;
import io.trickle.engine.api.WatermarkGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One connected database, as the workbench uses it. Each operation is a {@link BackgroundTask}; the
 * engine's API grows into here one method at a time (create, alter, drop, refresh, history, the
 * dependency graph, watermarks, the in-process scheduler), each returning the engine's own records.
 *
 * <p>The bundled engine (issue 8.8) is {@link #startScheduler()}: the engine's scheduler running in
 * this process for the connected database, as leader or follower.
 */
public interface EngineSession {

    ConnectionProfile profile();

    /** {@code host:port/database}, known once connected. */
    String databaseName();

    BackgroundTask<CatalogStatus> catalogStatus();

    /** Installs the catalog, or upgrades an older one in place. */
    BackgroundTask<InstallResult> installCatalog();

    BackgroundTask<List<StreamTableInfo>> listStreamTables();

    /** Stream tables and the relations they read. */
    BackgroundTask<DependencyGraph> dependencyGraph();

    /**
     * Everything the views draw from, read as one job: {@link #listStreamTables()}, {@link #dependencyGraph()},
     * the watermark groups, their status and the sources' watermarks, and the latest {@code historyRows}
     * of the refresh history.
     */
    BackgroundTask<CatalogSnapshot> readCatalog(int historyRows);

    /** Everything {@code show} prints about one stream table. */
    BackgroundTask<StreamTableDetails> show(String name);

    /** What create would make of a query, without creating anything. */
    BackgroundTask<ValidationResult> validate(String query, String mode);

    BackgroundTask<CreateResult> create(StreamTableDraft draft);

    BackgroundTask<StreamTableInfo> alter(String name, StreamTableChange change);

    /** Drops the stream table (and with {@code cascade} its readers); yields what was dropped. */
    BackgroundTask<List<String>> drop(String name, boolean cascade);

    /** Refreshes one stream table now and waits for the outcome. */
    BackgroundTask<RefreshResult> refresh(String name, boolean full);

    /** Refresh history, newest first; {@code name} null for every stream table. */
    BackgroundTask<List<HistoryEntry>> history(String name, int limit);

    /**
     * Installs the engine's demo (the sample shop's tables and stream tables, {@code Trickle.installDemo})
     * where it is missing; yields what was created. Only the embedded demo's session offers it.
     */
    BackgroundTask<List<String>> installDemo();


    /** Creates a watermark group: at least two sources, a tolerance of zero or more, a new name. */
    BackgroundTask<WatermarkGroup> createWatermarkGroup(String name, List<String> sources, Duration tolerance);

    /**
     * Changes a group's sources and tolerance. The engine has no "alter group", so this drops the group
     * and creates it anew; should the new definition be refused, the old one is created again.
     */
    BackgroundTask<WatermarkGroup> replaceWatermarkGroup(WatermarkGroup old, List<String> sources, Duration tolerance);

    BackgroundTask<Void> dropWatermarkGroup(String name);

    /** Advances a source's watermark; the engine refuses a value older than the current one. */
    BackgroundTask<Void> advanceWatermark(String source, Instant watermark);

    /**
     * Puts the demo back as a first install leaves it ({@code Trickle.resetDemo}); yields what was dropped
     * and created. Only the embedded demo's session offers it.
     */
    BackgroundTask<List<String>> resetDemo();

    /** The first rows of a stream table or source; cancelling the task cancels the read on the server. */
    BackgroundTask<RelationPreview> preview(PreviewRequest request);

    /** Owner, rows, sizes, indexes and grants of a relation; cancelling the task cancels the count. */
    BackgroundTask<RelationStats> relationStats(String relation);

    /** Every relation the role can see with its columns, for completing names in SQL. */
    BackgroundTask<List<RelationOutline>> relationOutlines();

    /** Opens the SQL console's own session, read-only. */
    BackgroundTask<ConsoleSession> openConsole();

    /**
     * Starts listening to the engine's events of this database; {@code events} is called on a thread
     * of the engine's, so hand each event to the FX thread ({@link TaskExecutor#onUiThread}).
     */
    BackgroundTask<EventFeed> listen(java.util.function.Consumer<EngineEvent> events);

    /**
     * Starts the engine's scheduler in this process for this database (DESIGN §2). It leads when no
     * other engine schedules the database and follows otherwise; closing the session stops it too.
     */
    BackgroundTask<BundledScheduler> startScheduler();

    /** Releases the session's connections (stopping a scheduler started here first); the task never fails. */
    BackgroundTask<Void> close();
}
