package io.trickle.engine.api;

/**
 * How a refresh by hand runs ({@link Trickle#refresh(String, RefreshOptions)}).
 *
 * @param full              recompute in full (a cycle: from empty tables) even where a differential
 *                          refresh would do
 * @param respectWatermarks hold the refresh back (action SKIP) while a watermark group over the
 *                          table's sources is misaligned, as the scheduler does; otherwise it runs and
 *                          its reason names the group it overrode
 */
public record RefreshOptions(boolean full, boolean respectWatermarks) {

    /** Differential where possible, past any watermark gating. */
    public static final RefreshOptions DEFAULT = new RefreshOptions(false, false);

    /** {@code refresh --full}. */
    public static final RefreshOptions FULL = new RefreshOptions(true, false);

    public RefreshOptions respectingWatermarks() {
        return new RefreshOptions(full, true);
    }
}
