package io.trickle.engine.bench;

import java.time.Instant;

/**
 * What a refresher is asked to do: bring {@code name} up to date with the changes committed at
 * {@code changedAt}. The daemon does not refresh on request: it is waited for, past history row
 * {@code historyMark}, and a table it does not schedule ({@code scheduled} false) is first asked for
 * with {@code pgtrickle.request_refresh}.
 */
record RefreshCall(String name, boolean scheduled, long historyMark, Instant changedAt) {
}
