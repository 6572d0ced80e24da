package dev.streaminglab.kafka;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The kit's one way to wait: poll a condition until it holds or a deadline passes, then fail with a message
 * saying what was awaited. Never a guessed sleep. Polls back off from {@value #FIRST_POLL_MS} ms to
 * {@value #MAX_POLL_MS} ms, so a short wait answers fast and a long one does not spin (an Admin call per poll
 * costs the brokers a request).
 */
public final class Await {
    static final long FIRST_POLL_MS = 10;
    static final long MAX_POLL_MS = 250;

    private Await() {
    }

    /** Waits until {@code condition} holds; after {@code timeout} fails naming {@code what}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, () -> what, condition);
    }

    /** As {@link #until(Duration, String, BooleanSupplier)}, the message made when it fails (it may show state). */
    public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        if (!within(timeout, condition)) {
            throw new LabException("timed out after " + describe(timeout) + " waiting for " + what.get());
        }
    }

    /** True when the condition held before the timeout, false when it never did. */
    public static boolean within(Duration timeout, BooleanSupplier condition) {
        return value(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty())
                .isPresent();
    }

    /** The first value {@code probe} finds before the timeout, or empty. */
    public static <T> Optional<T> value(Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MS;
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return found;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting");
            }
            pause = Math.min(MAX_POLL_MS, pause * 2);
        }
    }

    /** The first value {@code probe} finds, or a failure naming {@code what} after the timeout. */
    public static <T> T value(Duration timeout, String what, Supplier<Optional<T>> probe) {
        return value(timeout, probe).orElseThrow(() -> new LabException("timed out after " + describe(timeout)
                + " waiting for " + what));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
