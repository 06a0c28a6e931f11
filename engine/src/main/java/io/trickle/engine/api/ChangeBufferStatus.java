package io.trickle.engine.api;

import java.time.Duration;

/**
 * A captured source's change buffer, from {@code pgtrickle.change_buffers()} (issue 16).
 *
 * @param pendingRows   changes its slowest reader has not consumed (counted up to 1,000,000)
 * @param bytes         the buffer's size on disk, indexes included
 * @param oldestPending how long ago that reader last consumed it while changes wait; zero when none do
 */
public record ChangeBufferStatus(String source, long pendingRows, long bytes, Duration oldestPending) {
}
