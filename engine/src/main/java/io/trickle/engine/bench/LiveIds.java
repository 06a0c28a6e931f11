package io.trickle.engine.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The ids of the orders that exist, kept by the suite so that a cycle's rows are chosen without
 * asking the database (a sort of a million rows inside the timed DML would cost more than the change).
 * Every copy receives the same ids, so the copies stay identical.
 */
final class LiveIds {

    private long[] ids;
    private int size;
    private long nextId;

    /** Ids 1..{@code rows}. */
    LiveIds(long rows) {
        if (rows > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 16) + " rows");
        }
        ids = new long[(int) rows + 16];
        for (int i = 0; i < rows; i++) {
            ids[i] = i + 1L;
        }
        size = (int) rows;
        nextId = rows + 1;
    }

    int size() {
        return size;
    }

    /**
     * Picks {@code updates + deletes} distinct existing ids at random; the deleted ones leave the set
     * and {@code inserts} new ids join it. Returns the cycle's ids.
     */
    CycleChanges next(SplittableRandom random, long updates, long deletes, long inserts) {
        int k = (int) Math.min(size, updates + deletes);
        for (int i = 0; i < k; i++) {
            int j = random.nextInt(size - i);
            long t = ids[j];
            ids[j] = ids[size - 1 - i];
            ids[size - 1 - i] = t;
        }
        int d = (int) Math.min(deletes, k);
        long[] deleted = Arrays.copyOfRange(ids, size - d, size);
        long[] updated = Arrays.copyOfRange(ids, size - k, size - d);
        size -= d;
        long firstNew = nextId;
        long n = Math.max(0, inserts);
        if (size + n > ids.length) {
            ids = Arrays.copyOf(ids, (int) Math.max(ids.length * 3L / 2, size + n + 16));
        }
        for (long i = 0; i < n; i++) {
            ids[size++] = nextId++;
        }
        Arrays.sort(updated);
        Arrays.sort(deleted);
        return new CycleChanges(updated, deleted, firstNew, n);
    }

    /** A copy of the ids that exist now. */
    long[] snapshot() {
        return Arrays.copyOf(ids, size);
    }

    /** The next id no order has had yet. */
    long nextId() {
        return nextId;
    }
}
