package io.trickle.desktop.services;

/**
 * What a running background task may tell the workbench and ask it. Called from the worker thread;
 * the executor carries the reports to the FX thread.
 */
public interface TaskContext {

    /** How far the work is, 0..1; negative while it cannot tell. */
    void progress(double workDone, String message);

    /** True once the DBA cancelled; long loops check it between steps. */
    boolean isCancelled();
}
