package io.trickle.engine.api;

/**
 * Whether this engine can do its work (issue 16, {@code /ready}): the database answers and its
 * catalog is installed in a version this engine understands.
 *
 * @param reason why not, for a probe's body and a log line; null when ready
 */
public record Readiness(boolean ready, String catalogVersion, String reason) {
}
