package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.ingest.GeneratorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A workload for every engine, as data (the report prints it beside the figures): how many records each kind of
 * trial gets, how many repetitions, and the generator settings all inputs derive from.
 *
 * @param commitMs every engine commits (or checkpoints, or triggers) this often: the same for all
 * @param intervalSeconds each device reports this often in event time: 10 s and 54 devices make a 1-minute
 *     window per site about 108 records, so even small inputs close many windows
 */
public record EngineProfile(String name, int correctnessRecords, int throughputRecords, int latencyRecords,
        int recoveryRecords, int repetitions, int recoveryRepetitions, List<TrialKind> kinds, long seed,
        long intervalSeconds, double duplicates, long commitMs, long timeoutSeconds) {
    /** Every engine's correctness on a small input with every kind of defect: what ./lab test runs. */
    public static final EngineProfile QUICK = new EngineProfile("quick", 4_000, 0, 0, 0, 1, 0,
            List.of(TrialKind.CORRECTNESS), 42, 10, 0.005, 1000, 180);
    /** Correctness, then throughput (3 repetitions), latency at half of each engine's own maximum, recovery. */
    public static final EngineProfile FULL = new EngineProfile("full", 4_000, 400_000, 400_000, 400_000, 3, 2,
            List.of(TrialKind.values()), 42, 10, 0.005, 1000, 360);
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    /** Paced trials send about this many seconds of input at half of the engine's maximum (capped by the profile). */
    static final int PACED_SECONDS = 40;

    public static EngineProfile named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new LabException("unknown profile '" + name + "': use quick or full");
        };
    }

    public EngineProfile withRepetitions(int n) {
        return new EngineProfile(name, correctnessRecords, throughputRecords, latencyRecords, recoveryRecords, n,
                Math.min(n, recoveryRepetitions), kinds, seed, intervalSeconds, duplicates, commitMs, timeoutSeconds);
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    public GeneratorSettings settings(int count) {
        return GeneratorSettings.defaults().withCount(count).withStart(START).withInterval(Duration.ofSeconds(intervalSeconds)).withSeed(seed)
                .withRate(GeneratorSettings.MAX_RATE);
    }
}
