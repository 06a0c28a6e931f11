package io.trickle.engine.cdc;

/**
 * What one source's change window holds for a refresh.
 *
 * @param capture   the source's capture
 * @param frontier  where the window starts
 * @param changes   buffer rows in the window (inserted and deleted rows; capped when large)
 * @param truncated whether the source was truncated within the window
 */
public record SourceWindow(CaptureInfo capture, Frontier frontier, long changes, boolean truncated) {

    public boolean isEmpty() {
        return changes == 0 && !truncated;
    }
}
