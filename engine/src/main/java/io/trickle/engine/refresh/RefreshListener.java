package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshResult;

/** Hears about refreshes as they finish (metrics, alerts, the scheduler's bookkeeping). */
public interface RefreshListener {

    RefreshListener NONE = new RefreshListener() {
    };

    default void refreshed(long pgtId, RefreshResult result) {
    }

    default void failed(long pgtId, String name, String error) {
    }
}
