package io.trickle.engine.dvm.render;

/** Which contents of the sources a rendering reads: after the change window, or before it. */
public enum State {
    /** The sources as they are now, in the refresh's snapshot. */
    NEW,
    /** The sources as they were at the frontier: now, minus what was added, plus what was removed. */
    OLD
}
