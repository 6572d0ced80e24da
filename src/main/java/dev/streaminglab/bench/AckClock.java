package dev.streaminglab.bench;

/**
 * Where a producer's throughput window starts and ends, decided from counters alone so that every producer (Kafka's
 * ProducerPerformance, the kit's loop, the generator) is timed by the same rule:
 * <ol>
 * <li>warm-up is time: the first {@code warmupNanos} after the first send;</li>
 * <li>the window opens once every record sent during the warm-up has been acknowledged (the buffer the warm-up
 * filled has drained), so no record queued before the window is counted against it;</li>
 * <li>it closes {@code measureNanos} later; the acknowledgements between the two moments, over their distance, are
 * the throughput. Nothing after the window counts: neither side's flush nor close.</li>
 * </ol>
 * {@link #tick} is called often (every few milliseconds) with the time and the counters as they are.
 */
final class AckClock {
    enum Phase { WAITING, WARMING_UP, DRAINING, MEASURING, DONE }

    private final long warmupNanos;
    private final long measureNanos;
    private Phase phase = Phase.WAITING;
    private long firstSendAt;
    private long sendsInWarmup;
    private long openedAt;
    private long acksAtOpen;
    private long bytesAtOpen;
    private long closedAt;
    private long acksInWindow;
    private long bytesInWindow;

    AckClock(long warmupNanos, long measureNanos) {
        this.warmupNanos = warmupNanos;
        this.measureNanos = measureNanos;
    }

    /** Advances the clock; returns the phase after this tick. */
    Phase tick(long now, long sends, long acks, long ackedBytes) {
        switch (phase) {
            case WAITING -> {
                if (sends > 0) {
                    firstSendAt = now;
                    phase = Phase.WARMING_UP;
                }
            }
            case WARMING_UP -> {
                if (now - firstSendAt >= warmupNanos) {
                    sendsInWarmup = sends;
                    phase = Phase.DRAINING;
                    return tick(now, sends, acks, ackedBytes);
                }
            }
            case DRAINING -> {
                if (acks >= sendsInWarmup) {
                    openedAt = now;
                    acksAtOpen = acks;
                    bytesAtOpen = ackedBytes;
                    phase = Phase.MEASURING;
                }
            }
            case MEASURING -> {
                if (now - openedAt >= measureNanos) {
                    closedAt = now;
                    acksInWindow = acks - acksAtOpen;
                    bytesInWindow = ackedBytes - bytesAtOpen;
                    phase = Phase.DONE;
                }
            }
            default -> {
                // DONE stays DONE
            }
        }
        return phase;
    }

    Phase phase() {
        return phase;
    }

    long acksInWindow() {
        return acksInWindow;
    }

    long bytesInWindow() {
        return bytesInWindow;
    }

    double windowSeconds() {
        return (closedAt - openedAt) / 1e9;
    }

    /** From the first send to the window's opening: warm-up plus drain. */
    double secondsBeforeWindow() {
        return (openedAt - firstSendAt) / 1e9;
    }

    long sendsInWarmup() {
        return sendsInWarmup;
    }
}
