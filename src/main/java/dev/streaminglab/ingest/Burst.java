package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import java.time.Duration;

/**
 * Periodic bursts: every {@code every}, for {@code length}, the send rate is multiplied by {@code factor}
 * (a fleet reconnecting, a shift starting), to see lag build up and drain.
 */
public record Burst(Duration every, Duration length, double factor) {
    public static final Burst NONE = new Burst(Duration.ZERO, Duration.ZERO, 1);

    public Burst {
        if (every.isNegative() || length.isNegative() || factor <= 0) {
            throw new LabException("burst settings must be positive (every " + every + ", length " + length
                    + ", factor " + factor + "): check --burst-every, --burst-length, --burst-factor");
        }
        if (!every.isZero() && length.compareTo(every) >= 0) {
            throw new LabException("--burst-length (" + length.toMillis() + " ms) must be shorter than --burst-every ("
                    + every.toMillis() + " ms)");
        }
    }

    public boolean active() {
        return !every.isZero() && !length.isZero() && factor != 1;
    }

    /** The rate multiplier at {@code nanos} after the start of a run. */
    public double factorAt(long nanos) {
        if (!active()) {
            return 1;
        }
        return nanos % every.toNanos() < length.toNanos() ? factor : 1;
    }
}
