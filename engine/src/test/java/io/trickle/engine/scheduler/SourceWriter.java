package io.trickle.engine.scheduler;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An application writing to a source table throughout a test: small transactions of inserts,
 * updates and deletes on {@code table(id int primary key, v int, grp int)}, seeded, until closed
 * (and at most {@code maxTransactions}). Its own writes never fail; if one does, {@link #close()}
 * reports it.
 */
final class SourceWriter implements AutoCloseable {

    private final Thread thread;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    SourceWriter(String jdbcUrl, String table, long seed, int maxTransactions) {
        thread = new Thread(() -> run(jdbcUrl, table, seed, maxTransactions), "test-writer-" + table);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String jdbcUrl, String table, long seed, int maxTransactions) {
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                     + " (id, v, grp) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET v = excluded.v");
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = v + 1 WHERE id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            c.setAutoCommit(false);
            while (running && transactions.get() < maxTransactions) {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    int id = random.nextInt(200);
                    int op = random.nextInt(10);
                    PreparedStatement ps = op < 5 ? update : op < 8 ? insert : delete;
                    ps.setInt(1, id);
                    if (ps == insert) {
                        ps.setInt(2, random.nextInt(100));
                        ps.setInt(3, random.nextInt(5));
                    }
                    ps.executeUpdate();
                }
                c.commit();
                transactions.incrementAndGet();
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // pace: an application, not a load test
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    long transactions() {
        return transactions.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
        if (failure.get() != null) {
            throw new AssertionError("the application's writes failed: " + failure.get().getMessage(), failure.get());
        }
    }
}
