package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a benchmark run does, suite by suite. {@link #QUICK} checks that every suite runs and writes
 * well-formed results in a few minutes (its figures come from seconds of work: structure, not evidence);
 * {@link #FULL} is the evidence, budgeted to fit about 90 minutes on 2 cores ({@link #budget()}).
 *
 * @param repetitions runs of each side of a headline comparison (tool ÷ kit, stage ÷ passthrough), in alternating
 *     order, after one unrecorded warm-up run of each where {@code warmUp} says so
 * @param diagnosticRepetitions runs of each side of a diagnostic (cache off, commit intervals, restores, anchors)
 * @param producerWarmup sending before the producers' window may open (it opens once this warm-up has drained)
 * @param producerWindow how long acknowledgements are counted
 * @param passthroughRecords raw records of the two passthroughs and validation (they share the input)
 * @param enrichmentRecords, aggregatesRecords, pipelineRecords inputs sized so each stage runs about as long
 *     as the passthroughs on this machine (30 s or more in the full profile)
 * @param restoreKeys store sizes whose restore is timed
 * @param loadFractions of the pipeline's own maximum, for the latency users feel
 * @param latencyWarmup, latencyWindow sending before and during the recorded part of each load level
 * @param maxRecords raw records of the run that measures the pipeline's maximum (with the dashboard attached)
 * @param readyRepetitions launches of each cluster shape for the cluster-ready target
 * @param demoObservation how long the demo's memory is sampled once it runs
 * @param krepsLatencyRecords round trips of Kafka's EndToEndLatency for the Kreps anchor (his: 5,000)
 * @param profileSeconds how long a missed target's stage is recorded with JFR
 */
public record Profile(String name, int repetitions, int diagnosticRepetitions, boolean warmUp,
        Duration producerWarmup, Duration producerWindow, long passthroughRecords, long enrichmentRecords,
        long aggregatesRecords, long pipelineRecords, List<Integer> restoreKeys, List<Double> loadFractions,
        Duration latencyWarmup, Duration latencyWindow, long maxRecords, int readyRepetitions,
        Duration demoObservation, int krepsLatencyRecords, Duration profileSeconds) {

    public static final Profile QUICK = new Profile("quick", 1, 1, false, Duration.ofSeconds(1), Duration.ofSeconds(2),
            20_000, 10_000, 5_000, 5_000, List.of(2_000, 10_000), List.of(0.1, 0.5, 0.9), Duration.ofSeconds(1),
            Duration.ofSeconds(3), 5_000, 1, Duration.ofSeconds(3), 200, Duration.ofSeconds(5));

    public static final Profile FULL = new Profile("full", 5, 3, true, Duration.ofSeconds(5), Duration.ofSeconds(20),
            10_000_000, 4_000_000, 2_000_000, 1_200_000, List.of(100_000, 400_000, 1_600_000),
            List.of(0.1, 0.5, 0.9), Duration.ofSeconds(10), Duration.ofSeconds(30), 600_000, 10,
            Duration.ofSeconds(60), 5_000, Duration.ofSeconds(30));

    public static Profile named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new LabException("unknown profile '" + name + "': use quick or full");
        };
    }

    /**
     * What the profile plans to spend per suite, in minutes: its runs times their length, with the lengths of what
     * the profile does not fix (a stage over its input, a JVM start, a cluster launch) taken from runs on the
     * reference machine (2 cores, {@link #NOMINAL}). The report prints it beside what each suite really took.
     */
    public Map<String, Double> budget() {
        double producerRun = producerWarmup.toSeconds() + producerWindow.toSeconds() + NOMINAL.get("producer run overhead");
        double producerRuns = 2 * 2 * (repetitions + (warmUp ? 1 : 0)) + diagnosticRepetitions;
        double perStage = NOMINAL.get("stage run overhead");
        double stages = repetitions * (2 * seconds(passthroughRecords, "passthrough")
                + seconds(passthroughRecords, "validation") + seconds(enrichmentRecords, "enrichment")
                + seconds(aggregatesRecords, "windowed-aggregates") + seconds(pipelineRecords, "pipeline") + 6 * perStage)
                + diagnosticRepetitions * (2 * seconds(aggregatesRecords, "windowed-aggregates")
                + 3 * seconds(pipelineRecords, "pipeline") + 5 * perStage + restoreKeys.size() * perStage)
                + seconds(2 * passthroughRecords + enrichmentRecords + aggregatesRecords + pipelineRecords, "input");
        double level = latencyWarmup.toSeconds() + latencyWindow.toSeconds() + NOMINAL.get("latency level overhead");
        Map<String, Double> b = new LinkedHashMap<>();
        b.put(BenchSuites.CLUSTER, readyRepetitions * NOMINAL.get("1 + 3 node launches") / 60);
        b.put(BenchSuites.PRODUCER, (producerRuns * producerRun + diagnosticRepetitions
                * NOMINAL.get("EndToEndLatency run") * krepsLatencyRecords / 5_000.0) / 60);
        b.put(BenchSuites.STREAMS, stages / 60);
        b.put(BenchSuites.LATENCY, diagnosticRepetitions * (4 * NOMINAL.get("latency start") + (loadFractions.size() + 3)
                * level) / 60);
        b.put(BenchSuites.PROFILE, 3 * (profileSeconds.toSeconds() + perStage) / 60);
        b.put(BenchSuites.MEMORY, (NOMINAL.get("demo start") + demoObservation.toSeconds()) / 60);
        return b;
    }

    /**
     * Lengths measured on the reference machine that the budget builds on: records/s of each stage with production
     * settings, seconds of fixed work per run (JVM start, group join, topic creation and deletion).
     */
    static final Map<String, Double> NOMINAL = Map.ofEntries(Map.entry("passthrough", 300_000.0),
            Map.entry("validation", 150_000.0), Map.entry("enrichment", 120_000.0),
            Map.entry("windowed-aggregates", 60_000.0), Map.entry("pipeline", 30_000.0), Map.entry("input", 150_000.0),
            Map.entry("stage run overhead", 8.0), Map.entry("producer run overhead", 5.0),
            Map.entry("EndToEndLatency run", 15.0), Map.entry("1 + 3 node launches", 30.0),
            Map.entry("latency start", 25.0), Map.entry("latency level overhead", 6.0), Map.entry("demo start", 90.0));

    private static double seconds(long records, String stage) {
        return records / NOMINAL.get(stage);
    }
}
