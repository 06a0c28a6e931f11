package io.trickle.engine.watermark;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.db.Database;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.refresh.RefreshRequest;
import io.trickle.engine.watermark.WatermarkGate.HeldBack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refresh someone asked for by hand (the {@code refresh} command, the Java API, the desktop).
 * Watermark gating is the scheduler's rule, and a person may know better: by default the refresh
 * runs even while a group that concerns the table is misaligned, and its reason — in the result and
 * in the history row — says which groups it overrode. Asked to respect watermarks, it does what the
 * scheduler does: no refresh, a SKIP row with the reason, and a result whose action is SKIP.
 */
public final class GatedRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(GatedRefresh.class);

    private final Database database;
    private final RefreshExecutor refresher;
    private final WatermarkGate gate = new WatermarkGate();
    private final SkipHistory skips;

    public GatedRefresh(Database database, RefreshExecutor refresher) {
        this.database = database;
        this.refresher = refresher;
        this.skips = new SkipHistory(refresher.engineName());
    }

    public RefreshResult refresh(long pgtId, boolean full, boolean respectWatermarks) {
        RefreshRequest request = RefreshRequest.manual(full);
        return refresher.refresh(pgtId, respectWatermarks ? request.respectingWatermarks() : request.notingWatermarks());
    }

    /** The same for a table already looked up (no round trip of its own). */
    public RefreshResult refresh(RefreshExecutor.Target target, boolean full, boolean respectWatermarks) {
        RefreshRequest request = RefreshRequest.manual(full);
        return refresher.refresh(target, respectWatermarks ? request.respectingWatermarks() : request.notingWatermarks());
    }

    /**
     * For a cycle refreshed by hand with watermarks respected: when a misaligned group concerns any
     * member, the held-back members get their SKIP rows and the result (named after {@code asked})
     * is a SKIP with the first one's reason; empty when the cycle may run.
     */
    public Optional<RefreshResult> skipCycle(long asked, List<Long> members) {
        return database.withConnection("checking the watermark groups of a cycle", c -> {
            Map<Long, HeldBack> held = gate.heldBack(c, members);
            if (held.isEmpty()) {
                return Optional.<RefreshResult>empty();
            }
            for (HeldBack h : held.values()) {
                skips.record(c, h, InitiatedBy.MANUAL);
            }
            HeldBack first = held.getOrDefault(asked, held.values().iterator().next());
            String name = new StreamTableRepository().byId(c, asked).map(r -> r.displayName()).orElse(first.name());
            LOG.info("{}: SKIP ({})", name, first.reason());
            return Optional.of(new RefreshResult(name, RefreshAction.SKIP, 0, 0, 0, first.reason()));
        });
    }

    /**
     * For a cycle refreshed by hand without respecting watermarks: what to add to its result when a
     * misaligned group concerns a member (as {@link #refresh} adds for a single table); empty otherwise.
     */
    public Optional<String> cycleOverride(List<Long> members) {
        return database.withConnection("checking the watermark groups of a cycle", c -> {
            Map<Long, HeldBack> held = gate.heldBack(c, members);
            if (held.isEmpty()) {
                return Optional.<String>empty();
            }
            HeldBack first = held.values().iterator().next();
            LOG.warn("refreshing a cycle by hand although {}", first.reason());
            return Optional.of("overrode watermark gating: " + first.reason());
        });
    }
}
