package io.trickle.engine.bench;

import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;

/** Refreshes through the {@link Trickle} facade in the suite's own, warm process. */
final class ApiRefresher implements TrickleRefresher {

    private final Trickle trickle;

    ApiRefresher(Trickle trickle) {
        this.trickle = trickle;
    }

    @Override
    public Via via() {
        return Via.API;
    }

    @Override
    public Measured refresh(RefreshCall call) {
        long start = System.nanoTime();
        RefreshResult r = trickle.refresh(call.name(), false);
        double wall = (System.nanoTime() - start) / 1e6;
        return new Measured(r.action().name(), r.durationMs(), wall, r.rowsInserted(), r.rowsDeleted(), r.reason());
    }

    @Override
    public void close() {
        // the facade belongs to the suite
    }
}
