package io.trickle.engine.refresh;

import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records what a stream table reads (the tables beneath any views, with the columns used) and makes
 * sure every table whose changes can be captured is captured.
 */
public final class Dependencies {

    private Dependencies() {
    }

    /** Replaces the dependency rows of a stream table with those of a derivation; returns the captures. */
    public static List<CaptureInfo> record(Connection c, long pgtId, ProbeResult probe, String triggerMode)
            throws SQLException {
        DependencyRepository repo = new DependencyRepository();
        CaptureInstaller installer = new CaptureInstaller();
        repo.deleteFor(c, pgtId);
        List<CaptureInfo> captured = new ArrayList<>();
        for (Relation r : probe.baseRelations()) {
            repo.insert(c, pgtId, r.oid(), sourceType(r), List.copyOf(probe.columnsUsed().getOrDefault(r.oid(), Set.of())));
            if (r.kind().capturable()) {
                captured.add(installer.ensure(c, r, triggerMode));
            }
        }
        return captured;
    }

    /** Base relations that need capture installed (to be locked first by the caller). */
    public static List<Relation> needingCapture(Connection c, ProbeResult probe) throws SQLException {
        CaptureInstaller installer = new CaptureInstaller();
        List<Relation> out = new ArrayList<>();
        for (Relation r : probe.baseRelations()) {
            if (r.kind().capturable() && installer.find(c, r.oid()).isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    static String sourceType(Relation r) {
        if (r.streamTable()) {
            return "STREAM_TABLE";
        }
        return switch (r.kind()) {
            case TABLE, PARTITIONED_TABLE -> "TABLE";
            case VIEW -> "VIEW";
            case MATERIALIZED_VIEW -> "MATVIEW";
            case FOREIGN_TABLE -> "FOREIGN_TABLE";
            case OTHER -> "TABLE";
        };
    }

    static boolean capturable(String sourceType) {
        return sourceType.equals("TABLE") || sourceType.equals("STREAM_TABLE");
    }
}
