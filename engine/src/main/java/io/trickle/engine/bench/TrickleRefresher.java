package io.trickle.engine.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Has Trickle refresh a stream table along one {@link Via} and reports what it saw. */
interface TrickleRefresher extends AutoCloseable {

    Via via();

    Measured refresh(RefreshCall call) throws SQLException;

    /** Refreshes of {@code name} with nothing to do, {@code n} of them, as this path sees them. */
    default List<Measured> noOps(String name, int n) throws SQLException {
        List<Measured> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(refresh(new RefreshCall(name, false, 0, null)));
        }
        return out;
    }

    @Override
    void close();
}
