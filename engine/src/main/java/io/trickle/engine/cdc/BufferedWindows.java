package io.trickle.engine.cdc;

import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A refresh's change windows: each source's typed buffer between the table's frontier (read into a
 * variable first) and the refresh's own snapshot, consolidated ({@link ChangeWindows#consolidated}).
 *
 * @param pgtId the stream table whose frontiers bound the windows
 */
public record BufferedWindows(long pgtId) implements ChangeSource {

    @Override
    public Window window(Connection c, int index, Relation source, Map<String, PgType> columns) throws SQLException {
        CaptureInfo capture = new CaptureInstaller().find(c, source.oid()).orElseThrow(() -> new SQLException(
                "source " + source.qualifiedName() + " is not captured", "55000"));
        for (String col : columns.keySet()) {
            if (!capture.capturedColumns().contains(col)) {
                throw new SQLException("column " + col + " of " + source.qualifiedName() + " is not captured", "55000");
            }
        }
        String frontier = "__pgt_f" + index;
        return new Window(ChangeWindows.consolidated(capture.bufferId(), columns, frontier), false,
                List.of(frontier + " pg_snapshot;"),
                List.of("SELECT f.snapshot INTO " + frontier + " FROM pgtrickle.pgt_frontiers f JOIN pgtrickle.pgt_change_tracking ct"
                        + " ON ct.source = f.source WHERE f.pgt_id = " + pgtId + " AND ct.buffer_id = " + capture.bufferId() + ";"));
    }
}
