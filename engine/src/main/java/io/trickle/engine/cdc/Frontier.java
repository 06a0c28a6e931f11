package io.trickle.engine.cdc;

/**
 * How far a stream table has consumed a source: the snapshot of the refresh that read it last, in
 * {@code pg_snapshot} text form ({@code xmin:xmax:xip,…}). The next refresh consumes exactly the
 * buffer rows whose writer is visible to its own snapshot and was not visible to this one — a writer
 * still open when this snapshot was taken is picked up once it commits, never lost, never twice.
 */
public record Frontier(long sourceOid, String snapshot) {
}
