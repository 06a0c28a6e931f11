package io.trickle.engine.scheduler;

import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.EffectiveSchedule;
import io.trickle.engine.graph.GraphTable;
import io.trickle.engine.graph.Read;
import io.trickle.engine.graph.SchedulePropagation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler derives from the catalog and keeps until the catalog generation moves: the
 * dependency graph, every table's effective schedule, and the settings. Read in one REPEATABLE READ
 * transaction so that tables, dependencies and settings belong together.
 *
 * @param generation the catalog generation this view was read at
 * @param graph      stream tables and what they read
 * @param schedules  effective schedule of every stream table, by id
 * @param settings   the settings as stored
 * @param readAt     the database clock when the view was read
 * @param unusable   tables whose stored row cannot be scheduled (a schedule or mode no engine wrote),
 *                   with the message that says so; they are left out of every plan and go to ERROR
 */
record CatalogView(long generation, DependencyGraph graph, Map<Long, EffectiveSchedule> schedules,
                   SettingsSnapshot settings, Instant readAt, Map<Long, String> unusable) {

    CatalogView(long generation, DependencyGraph graph, Map<Long, EffectiveSchedule> schedules,
                SettingsSnapshot settings, Instant readAt) {
        this(generation, graph, schedules, settings, readAt, Map.of());
    }

    static CatalogView read(Connection c) throws SQLException {
        long generation = CatalogGeneration.current(c);
        Instant now = databaseNow(c);
        SettingsSnapshot settings = new SettingsRepository().load(c);
        List<GraphTable> tables = new ArrayList<>();
        Map<Long, String> unusable = new HashMap<>();
        for (StreamTableRow row : new StreamTableRepository().all(c)) {
            tables.add(new GraphTable(row.id(), row.displayName(), row.storageOid(), row.parsedSchedule(),
                    row.refreshMode() == io.trickle.engine.api.RefreshMode.IMMEDIATE));
            row.unusable().ifPresent(why -> unusable.put(row.id(), why));
        }
        List<Read> reads = new ArrayList<>();
        for (Dependency d : new DependencyRepository().all(c)) {
            reads.add(new Read(d.pgtId(), d.sourceOid()));
        }
        DependencyGraph graph = DependencyGraph.of(tables, reads);
        Duration fallback = Duration.ofSeconds(settings.get(Settings.DEFAULT_SCHEDULE_SECONDS));
        return new CatalogView(generation, graph, SchedulePropagation.effectiveSchedules(graph, fallback, now), settings, now,
                Map.copyOf(unusable));
    }

    static Instant databaseNow(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    String name(long id) {
        return graph.table(id).map(GraphTable::name).orElse("stream table " + id);
    }
}
