package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline instead of sleeping for a guessed time. */
final class Await {
    private static final long POLL_MS = 20;

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        if (!within(condition, timeout)) {
            throw new LabException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + ": the cluster may be overloaded; retry, or run the experiment alone");
        }
    }

    /** True when the condition held before the timeout, false when it never did. */
    static boolean within(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }
}
