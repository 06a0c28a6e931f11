package io.trickle.desktop.services;

import io.trickle.engine.api.SchedulerRole;

/**
 * The engine's scheduler running inside the workbench for the connected database (DESIGN §2): it
 * leads when no other engine schedules the database, and follows, ready to take over, when one does.
 */
public interface BundledScheduler {

    /**
     * What it is doing now. Reads a value the scheduler keeps in memory, so it is cheap enough to ask
     * on the FX thread every second.
     */
    SchedulerRole role();

    /**
     * Stops it: refreshes under way get a few seconds to finish, then roll back, and the leader lock
     * is released. The task ends when the scheduler has stopped.
     */
    BackgroundTask<Void> stop();
}
