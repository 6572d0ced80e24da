package dev.streaminglab.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The only timed waits of the catalogue, each named for what it is. Waiting for a state (RUNNING, a record, a
 * task) always goes through {@code Await}; these are time spent on purpose.
 */
final class Timed {
    private Timed() {
    }

    /**
     * A fixed stretch of observed time: what happens (or does not) during it is the measurement, e.g. a quiet
     * period in which no punctuation may fire, or the steady state before an instance joins.
     */
    static void observe(Duration phase) {
        park(phase);
    }

    /** Work a record costs on purpose (a remote lookup, a slow call), so that a thread is the bottleneck. */
    static void work(Duration perRecord) {
        park(perRecord);
    }

    /** The gap a paced producer leaves between its batches. */
    static void pace(Duration gap) {
        park(gap);
    }

    private static void park(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
