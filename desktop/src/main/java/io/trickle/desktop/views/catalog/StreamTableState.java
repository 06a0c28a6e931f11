package io.trickle.desktop.views.catalog;

import io.trickle.dagviewer.StatusStyles;
import io.trickle.engine.api.Schedule;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.TrickleException;
import java.util.Locale;

/**
 * How a stream table is doing, as the navigator's icons, the graph's colours and the properties view
 * all show it, so the three always agree. Each state draws with one of the graph's status style
 * classes, whose colours {@code trickle.css} defines once.
 *
 * <p>Staleness follows the engine's own view {@code stream_tables_info.stale}: only a duration
 * schedule sets a deadline, and a table is stale once its last successful refresh is older than that
 * period. Cron and calculated schedules set none, so such a table is stale only before its first
 * refresh. (When the engine reports staleness itself, this rule gives way to it.) A table whose last
 * refresh failed counts as failing (error) while its status is still ACTIVE, so that a DBA sees it
 * before the engine suspends it.
 */
public enum StreamTableState {
    FRESH("fresh", StatusStyles.FRESH),
    STALE("stale", StatusStyles.STALE),
    ERROR("error", StatusStyles.ERROR),
    SUSPENDED("suspended", StatusStyles.SUSPENDED),
    INITIALIZING("initializing", StatusStyles.REFRESHING),
    /** This window is refreshing it right now. */
    REFRESHING("refreshing", StatusStyles.REFRESHING),
    /** IMMEDIATE and active: its writers keep it equal to its query, no schedule. */
    IMMEDIATE("maintained in transaction", StatusStyles.IMMEDIATE);

    private final String label;
    private final StatusStyles style;

    StreamTableState(String label, StatusStyles style) {
        this.label = label;
        this.style = style;
    }

    public String label() {
        return label;
    }

    /** The style class the graph and the navigator draw this state with. */
    public String styleClass() {
        return style.styleClass();
    }

    /** The state of a listed table; {@code refreshing} when this window is refreshing it now. */
    public static StreamTableState of(StreamTableInfo info, boolean refreshing) {
        if (refreshing) {
            return REFRESHING;
        }
        switch (info.status().toUpperCase(Locale.ROOT)) {
            case "ERROR":
                return ERROR;
            case "SUSPENDED":
                return SUSPENDED;
            case "INITIALIZING":
                return INITIALIZING;
            default:
                if (info.consecutiveErrors() > 0) {
                    return ERROR;
                }
                if (info.refreshMode() == io.trickle.engine.api.RefreshMode.IMMEDIATE) {
                    return IMMEDIATE;
                }
                return isStale(info) ? STALE : FRESH;
        }
    }

    /** Never refreshed, or behind its duration schedule. */
    static boolean isStale(StreamTableInfo info) {
        if (info.stalenessSeconds() == null) {
            return true;
        }
        return periodSeconds(info.schedule()) > 0 && info.stalenessSeconds() > periodSeconds(info.schedule());
    }

    /** The period of a duration schedule in seconds, 0 for cron, calculated or text the engine would refuse. */
    static long periodSeconds(String schedule) {
        try {
            return Schedule.parse(schedule).period().map(java.time.Duration::getSeconds).orElse(0L);
        } catch (TrickleException e) {
            return 0;
        }
    }
}
