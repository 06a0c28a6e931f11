package io.trickle.engine.cdc;

import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.TableLocks;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs or widens capture in a READ COMMITTED transaction of its own, committed before the
 * transaction that creates, alters or recompiles the stream table needing it takes its snapshot
 * (issue 18). The change first waits for the writers in flight on the source and holds new ones off
 * until it commits ({@link CaptureInstaller#lockForCapture}; for a source not captured yet, CREATE
 * TRIGGER does): a write the later snapshot does not hold therefore ran the changed capture, and a
 * write the old capture wrote without a new column is in that snapshot. The engine needs only the
 * TRIGGER privilege for this; locking the source in the snapshot's own transaction, as engines before
 * catalog 0.7.0.11 did, needed UPDATE, DELETE or TRUNCATE on it.
 *
 * <p>The reader's dependency rows do not exist yet, so the columns it reads are passed along. Another
 * engine may narrow the buffer again before the reader is recorded: the caller's transaction checks
 * that nothing needs changing any more ({@link Moved}) and starts over when it does. Should the
 * stream table then not be made, capture installed for it is released unless another reads it.
 */
public final class CaptureFirst {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureFirst.class);
    /** How often the capture change and the transaction that relies on it are tried together. */
    public static final int ATTEMPTS = 4;

    private CaptureFirst() {
    }

    /**
     * Brings the capture of each source to at least the columns given for it; returns the OIDs of
     * the sources it installed capture on.
     */
    public static List<Long> install(Database database, Map<Relation, Set<String>> needs, String doing) {
        if (needs.isEmpty()) {
            return List.of();
        }
        return database.transaction("changing the change capture for " + doing, Connection.TRANSACTION_READ_COMMITTED, c -> {
            String triggerMode = new SettingsRepository().load(c).get(Settings.CDC_TRIGGER_MODE);
            CaptureInstaller installer = new CaptureInstaller();
            // New sources get their buffer and function first; then every source's lock is taken in one
            // bounded attempt (TableLocks): the new sources' triggers, the captured sources' TRUNCATE
            // trigger written again. Then the captured sources' capture changes under that lock.
            List<Long> installed = new ArrayList<>();
            List<Relation> captured = new ArrayList<>();
            installer.deferTriggers();
            for (Map.Entry<Relation, Set<String>> e : needs.entrySet()) {
                if (installer.find(c, e.getKey().oid()).isEmpty()) {
                    installer.ensure(c, e.getKey(), triggerMode, e.getValue());
                    installed.add(e.getKey().oid());
                } else {
                    captured.add(e.getKey());
                }
            }
            List<String> locks = new ArrayList<>(installer.lockStatements(c, captured));
            locks.addAll(installer.takeDeferredTriggers());
            TableLocks.inAttempts(c, locks);
            for (Relation r : captured) {
                installer.ensure(c, r, triggerMode, needs.get(r));
            }
            return installed;
        });
    }

    /** Removes the captures {@link #install} made, where no stream table reads the source; never throws. */
    public static void releaseUnused(Database database, List<Long> installed) {
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

    /**
     * A transaction relying on capture found it needing a change again (another engine narrowed a
     * buffer in between): it is rolled back and tried again after {@link #install}.
     */
    public static final class Moved extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Moved(String what) {
            super("the change capture of " + what + " changed meanwhile");
        }
    }
}
