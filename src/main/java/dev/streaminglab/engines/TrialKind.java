package dev.streaminglab.engines;

/**
 * What a trial measures. Correctness: a small input, preloaded. Throughput: a large input, preloaded (catch-up).
 * Latency: the input paced at half of the engine's own maximum while it runs. Recovery: paced the same way,
 * kill -9 when 40 % of the windows are out (so the engine is mid-stream, whatever its speed), restart on the same
 * state while the input keeps coming.
 */
public enum TrialKind {
    CORRECTNESS, THROUGHPUT, LATENCY, RECOVERY;

    /** Paced while the engine runs, at half of its own maximum, rather than preloaded. */
    public boolean paced() {
        return this == LATENCY || this == RECOVERY;
    }

    public String id() {
        return name().toLowerCase();
    }
}
