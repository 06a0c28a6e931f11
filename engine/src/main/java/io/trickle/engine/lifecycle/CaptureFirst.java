package io.trickle.engine.lifecycle;

import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.db.Database;
import io.trickle.engine.sql.Relation;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs capture on new sources in a transaction of its own, before the stream table that needs it
 * is created and populated (issue 18). {@code CREATE TRIGGER} waits for every writer in flight on the
 * source and holds new ones off until it commits; the population's snapshot, taken after, therefore
 * holds every write the triggers did not capture, and a write it does not hold has its row in the
 * buffer. The engine needs only the TRIGGER privilege for this: locking the source against writers
 * beforehand, as it once did, needed UPDATE, DELETE or TRUNCATE on it.
 *
 * <p>Should the stream table then not be created, the capture is released again unless another
 * stream table has started to use it.
 */
final class CaptureFirst {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureFirst.class);

    private CaptureFirst() {
    }

    /** Captures {@code sources} (the ones not captured yet); returns the OIDs of those it installed. */
    static List<Long> install(Database database, List<Relation> sources, String doing) {
        if (sources.isEmpty()) {
            return List.of();
        }
        return database.transaction("installing change capture for " + doing, c -> {
            String triggerMode = new SettingsRepository().load(c).get(Settings.CDC_TRIGGER_MODE);
            CaptureInstaller installer = new CaptureInstaller();
            List<Long> installed = new ArrayList<>();
            for (Relation r : sources) {
                if (installer.find(c, r.oid()).isEmpty()) {
                    installer.ensure(c, r, triggerMode);
                    installed.add(r.oid());
                }
            }
            return installed;
        });
    }

    /** Removes the captures {@link #install} made, where no stream table reads the source; never throws. */
    static void releaseUnused(Database database, List<Long> installed) {
        if (installed.isEmpty()) {
            return;
        }
        try {
            database.transaction("removing change capture nobody uses", c -> {
                CaptureInstaller installer = new CaptureInstaller();
                for (long oid : installed) {
                    installer.releaseIfUnused(c, oid);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not remove change capture installed for a stream table that was not made: {}", e.getMessage());
        }
    }
}
