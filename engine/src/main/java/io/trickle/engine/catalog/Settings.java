package io.trickle.engine.catalog;

import java.util.List;
import java.util.Optional;

/** The settings of DESIGN §3, each declared exactly once. */
public final class Settings {

    public static final Setting<Integer> SCHEDULER_INTERVAL_MS = Setting.integer("scheduler_interval_ms", 1000, 100, 60_000,
            "how often the scheduler wakes up to look for due stream tables, in milliseconds");
    public static final Setting<Integer> MAX_CONSECUTIVE_ERRORS = Setting.integer("max_consecutive_errors", 3, 1, 100,
            "failed refreshes in a row after which the scheduler suspends a stream table");
    public static final Setting<Integer> MAX_FIXPOINT_ITERATIONS = Setting.integer("max_fixpoint_iterations", 100, 1, 10_000,
            "iterations after which a cycle of stream tables that has not converged is put in ERROR");
    public static final Setting<Boolean> ALLOW_CIRCULAR = Setting.bool("allow_circular", false,
            "whether monotone cycles of DIFFERENTIAL stream tables may be created");
    public static final Setting<Double> DIFFERENTIAL_MAX_CHANGE_RATIO = Setting.decimal("differential_max_change_ratio", 0.15, 0.0, 1.0,
            "share of a source's rows changed in one window above which AUTO refreshes in full (0 disables)");
    public static final Setting<Boolean> AUTO_COST_MODEL = Setting.bool("auto_cost_model", true,
            "whether AUTO learns from a table's past refresh times and refreshes in full when that is cheaper");
    public static final Setting<Integer> MAX_CONCURRENT_REFRESHES = Setting.integer("max_concurrent_refreshes", 4, 1, 32,
            "stream tables of one dependency level refreshed at the same time");
    public static final Setting<Integer> DEFAULT_SCHEDULE_SECONDS = Setting.integer("default_schedule_seconds", 1, 1, 86_400,
            "effective schedule of a 'calculated' stream table that no other stream table reads");
    public static final Setting<Integer> LOCK_TIMEOUT_MS = Setting.integer("lock_timeout_ms", 30_000, 0, 3_600_000,
            "how long a refresh waits for a stream table that is being refreshed elsewhere, in milliseconds");
    public static final Setting<Integer> STATEMENT_TIMEOUT_MS = Setting.integer("statement_timeout_ms", 0, 0, 86_400_000,
            "statement timeout applied to refresh transactions, in milliseconds (0 means none)");
    public static final Setting<String> CDC_TRIGGER_MODE = Setting.choice("cdc_trigger_mode", "statement", List.of("statement", "row"),
            "capture triggers installed on new sources: statement-level with transition tables, or row-level");

    private static final List<Setting<?>> ALL = List.of(SCHEDULER_INTERVAL_MS, MAX_CONSECUTIVE_ERRORS,
            MAX_FIXPOINT_ITERATIONS, ALLOW_CIRCULAR, DIFFERENTIAL_MAX_CHANGE_RATIO, AUTO_COST_MODEL, MAX_CONCURRENT_REFRESHES,
            DEFAULT_SCHEDULE_SECONDS, LOCK_TIMEOUT_MS, STATEMENT_TIMEOUT_MS, CDC_TRIGGER_MODE);

    private Settings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
