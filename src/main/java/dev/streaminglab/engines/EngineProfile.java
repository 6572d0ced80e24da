package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.measure.LoadGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload for every engine, as data (the report prints it beside the figures): how many records each kind of
 * trial gets, how many repetitions, and the generator settings all inputs derive from.
 *
 * @param warmUp each engine runs each timed kind once unrecorded first (page cache, broker, built jobs)
 * @param guard when a trial counts as disturbed by outside load and is redone
 * @param commitMs every engine commits (or checkpoints, or triggers) this often: the same for all
 * @param intervalSeconds each device reports this often in event time: 10 s and 54 devices make a 1-minute
 *     window per site about 108 records, so even small inputs close many windows
 */
public record EngineProfile(String name, int correctnessRecords, int throughputRecords, int latencyRecords,
        int recoveryRecords, int repetitions, int recoveryRepetitions, List<TrialKind> kinds, boolean warmUp,
        LoadGuard guard, long seed, long intervalSeconds, double duplicates, long commitMs, long timeoutSeconds) {
    /**
     * Every engine's correctness on a small input with every kind of defect: what ./lab test runs. Its timings
     * (start-up, memory) are not quoted as findings, so nothing is warmed up or redone.
     */
    public static final EngineProfile QUICK = new EngineProfile("quick", 4_000, 0, 0, 0, 1, 0,
            List.of(TrialKind.CORRECTNESS), false, LoadGuard.NONE, 42, 10, 0.005, 1000, 180);
    /** Correctness, then throughput (3 repetitions), latency at half of each engine's own maximum, recovery. */
    public static final EngineProfile FULL = new EngineProfile("full", 4_000, 400_000, 400_000, 400_000, 3, 2,
            List.of(TrialKind.values()), true, LoadGuard.DEFAULT, 42, 10, 0.005, 1000, 360);
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
                Math.min(n, recoveryRepetitions), kinds, warmUp, guard, seed, intervalSeconds, duplicates, commitMs,
                timeoutSeconds);
    }

    /** Repetitions of a kind: correctness is exact or not, once is enough. */
    int repetitions(TrialKind kind) {
        return switch (kind) {
            case CORRECTNESS -> 1;
            case RECOVERY -> recoveryRepetitions;
            default -> repetitions;
        };
    }

    /** The profile as the report's workload prints it. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("profile", name);
        d.put("kinds", kinds.stream().map(TrialKind::id).toList());
        Map<String, Integer> records = new LinkedHashMap<>();
        records.put("correctness", correctnessRecords);
        records.put("throughput", throughputRecords);
        records.put("latency", latencyRecords);
        records.put("recovery", recoveryRecords);
        d.put("records", records);
        d.put("repetitions", repetitions);
        d.put("recovery repetitions", recoveryRepetitions);
        d.put("order", "alternating across engines, warm-up " + (warmUp ? "once per engine and kind" : "none"));
        d.put("disturbed when", "outside load above " + guard.maxOutsidePct() + " % or steal above "
                + guard.maxStealPct() + " %, redone up to " + guard.maxRedos() + " times");
        d.put("generator", "seed " + seed + ", every device each " + intervalSeconds + " s of event time, "
                + duplicates * 100 + " % duplicates, from " + START);
        d.put("commit interval ms", commitMs);
        d.put("timeout s", timeoutSeconds);
        return d;
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    public GeneratorSettings settings(int count) {
        return GeneratorSettings.defaults().withCount(count).withStart(START).withInterval(Duration.ofSeconds(intervalSeconds)).withSeed(seed)
                .withRate(GeneratorSettings.MAX_RATE);
    }
}
