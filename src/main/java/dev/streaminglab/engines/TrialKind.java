package dev.streaminglab.engines;

/**
 * What a trial measures. Correctness: a small input, preloaded. Throughput: a large input, preloaded (catch-up).
 * Latency: the input paced at half of the engine's own maximum while it runs. Recovery: kill -9 when 40 % of
 * the windows are out, restart on the same state.
 */
public enum TrialKind {
    CORRECTNESS, THROUGHPUT, LATENCY, RECOVERY;

    public String id() {
        return name().toLowerCase();
    }
}
