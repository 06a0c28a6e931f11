package io.trickle.engine.refresh;

import io.trickle.engine.api.EffectiveMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage spec (and differential plan) of each stream table, derived once per engine and kept
 * while the stored query and mode stay the same. Deriving needs a few catalog round trips and
 * temporary views; a refresh that finds nothing to do should not pay for them.
 */
public final class PlanCache {

    private record Key(long pgtId, String definingQuery, EffectiveMode effectiveMode, long storageOid) {
    }

    private final Map<Key, StorageSpec> specs = new ConcurrentHashMap<>();

    StorageSpec get(long pgtId, String definingQuery, EffectiveMode effectiveMode, long storageOid) {
        return specs.get(new Key(pgtId, definingQuery, effectiveMode, storageOid));
    }

    /** Remembers a spec (create and alter hand over the one they derived, so the first refresh need not). */
    public void put(long pgtId, String definingQuery, EffectiveMode effectiveMode, long storageOid, StorageSpec spec) {
        specs.keySet().removeIf(k -> k.pgtId() == pgtId);
        specs.put(new Key(pgtId, definingQuery, effectiveMode, storageOid), spec);
    }

    public void forget(long pgtId) {
        specs.keySet().removeIf(k -> k.pgtId() == pgtId);
    }
}
