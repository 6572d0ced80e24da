package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.engines.JobWindow.WindowKey;
import dev.streaminglab.engines.OutputCollector.Seen;
import dev.streaminglab.measure.LoadSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One engine on one input: start its program, watch its output topics, stop it, and compare what it wrote with
 * the oracle. Every {@link TrialKind} shares that skeleton.
 */
final class EngineTrial {
    /** A run's input, written once (or, for latency trials, per trial), and its truth. */
    record Input(String topic, List<JobInput.Record> records, Oracle.Expected truth) {
    }

    /** Where and how trials run. */
    record Context(KafkaConnection kafka, String runId, Path runDir, Path registry, long commitMs, Duration timeout) {
    }

    /**
     * What one trial measured; NaN where a figure does not apply to the kind. How busy the machine was comes with
     * it from {@link dev.streaminglab.measure.Trials}.
     *
     * @param startupSeconds from launch to the first window visible downstream (input preloaded)
     * @param recordsPerSecond sustained catch-up rate over the middle 80 % of the input
     * @param cpuCores the engine's CPU seconds per second over the same interval
     * @param recoverySeconds from kill -9 to the next new window visible after the restart
     */
    record Result(Engine engine, TrialKind kind, Comparison comparison, double startupSeconds,
            double recordsPerSecond, double cpuCores, double peakRssMb, double latencyP50Ms, double latencyP99Ms,
            int latencySamples, double recoverySeconds, double seconds, String error, Path log) {
        boolean ok() {
            return error == null;
        }
    }

    private static final double RECOVERY_KILL_AT = 0.4;
    private static final double MIDDLE_FROM = 0.1;
    private static final double MIDDLE_TO = 0.9;
    /** Latency samples start this long after the load reached its full rate. */
    private static final Duration LATENCY_WARMUP = Duration.ofSeconds(5);

    private final Context ctx;

    EngineTrial(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * @param tag names this trial's topics, state and log (unique within the run: warm-ups and redone trials
     *     get their own)
     * @param sampler the run's sampler, which follows the engine's process
     */
    Result run(Engine engine, TrialKind kind, Input input, String tag, double rate, LoadSampler sampler) {
        String prefix = "engines." + ctx.runId() + "." + tag + ".";
        String windows = prefix + "windows";
        String dlq = prefix + "dlq";
        String inputTopic = kind.paced() ? prefix + "input" : input.topic();
        createTopics(engine, prefix, kind.paced() ? inputTopic : null);
        Path stateDir = ctx.runDir().resolve("state").resolve(tag);
        EngineArgs args = new EngineArgs(ctx.kafka().bootstrap(), inputTopic, windows, dlq, ctx.registry(),
                engine.stateDirectory ? stateDir.toString() : prefix + "state", ctx.commitMs(), engine.guarantee,
                "engines-" + ctx.runId() + "-" + tag);
        Path log = ctx.runDir().resolve("logs").resolve(tag + ".log");
        Oracle.Expected truth = input.truth();
        engine.command(args); // builds a Flink or Spark job whose sources changed: not part of its start-up time
        long t0 = System.currentTimeMillis();
        try (OutputCollector out = new OutputCollector(ctx.kafka(), windows, dlq)) {
            EngineProcess process = EngineProcess.start(engine, args, log);
            List<EngineProcess> started = new ArrayList<>(List.of(process));
            LoadSampler.Followed followed = sampler.follow(process.handle());
            InputTopic.Paced paced = kind.paced() ? new InputTopic.Paced(ctx.kafka(), inputTopic,
                    input.records(), rate, () -> out.distinctWindows() > 0) : null;
            try {
                BooleanSupplier complete = () -> out.distinctWindows() >= truth.windows().size()
                        && out.deadLetterCount() >= truth.deadLetters().size();
                EngineProcess running = process;
                String error = awaitOrFail(() -> out.distinctWindows() > 0, running, "no window");
                long firstWindow = System.currentTimeMillis();
                double recoverySeconds = Double.NaN;
                if (error == null && kind == TrialKind.RECOVERY) {
                    error = awaitOrFail(() -> out.distinctWindows() >= RECOVERY_KILL_AT * truth.windows().size(),
                            running, "not 40 % of the windows");
                    if (error == null) {
                        int before = out.distinctWindows();
                        long killedAt = System.currentTimeMillis();
                        running.kill();
                        running = EngineProcess.start(engine, args, log);
                        started.add(running);
                        followed = sampler.follow(running.handle());
                        error = awaitOrFail(() -> out.distinctWindows() > before, running, "no new window after restart");
                        recoverySeconds = (System.currentTimeMillis() - killedAt) / 1000.0;
                    }
                }
                if (error == null) {
                    error = awaitOrFail(complete, running, "not every window and dead letter");
                }
                double peakRssMb = followed.peakRssBytes() / 1e6;
                running.stop(Duration.ofSeconds(30));
                out.drain(Duration.ofSeconds(30));
                Comparison comparison = Comparison.of(truth, out.windows().stream().map(Seen::window).toList(),
                        out.deadLetters());
                double[] rate2 = kind == TrialKind.THROUGHPUT ? throughput(out.windows(), truth, followed)
                        : new double[] {Double.NaN, Double.NaN};
                double[] latency = kind == TrialKind.LATENCY ? latency(out.windows(), truth, paced)
                        : new double[] {Double.NaN, Double.NaN, 0};
                long end = System.currentTimeMillis();
                return new Result(engine, kind, comparison, (firstWindow - t0) / 1000.0, rate2[0], rate2[1],
                        peakRssMb, latency[0], latency[1], (int) latency[2], recoverySeconds, (end - t0) / 1000.0,
                        error == null ? null : error + "; log tail:\n" + running.logTail(20), log);
            } finally {
                if (paced != null) {
                    paced.close();
                }
                started.forEach(p -> p.stop(Duration.ofSeconds(10)));
            }
        }
    }

    /** Waits for the condition; an engine that exits or a deadline that passes is reported, not thrown. */
    private String awaitOrFail(BooleanSupplier condition, EngineProcess process, String what) {
        long deadline = System.nanoTime() + ctx.timeout().toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.alive()) {
                return "the engine exited before " + what.replaceFirst("^(no|not) ", "") + " was out";
            }
            if (System.nanoTime() > deadline) {
                return what + " within " + ctx.timeout().toSeconds() + " s";
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return null;
    }

    /**
     * Records per second from outside: each window is closed by a known input record (the oracle's closing
     * index), so when a window becomes visible the engine has read at least that far. The slope between the
     * windows closed at 10 % and at 90 % of the input is the sustained rate, start-up and tail left out.
     */
    static double[] throughput(List<Seen> seen, Oracle.Expected truth, LoadSampler.Followed engine) {
        int n = truth.closingIndex().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<long[]> points = firstSightings(seen, truth).stream()
                .filter(p -> p[0] >= MIDDLE_FROM * n && p[0] <= MIDDLE_TO * n)
                .sorted(Comparator.comparingLong(p -> p[0])).toList();
        if (points.size() < 2 || points.get(points.size() - 1)[1] - points.get(0)[1] < 1000) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long[] a = points.get(0);
        long[] b = points.get(points.size() - 1);
        double seconds = (b[1] - a[1]) / 1000.0;
        double cpu = engine.cpuSecondsAt(b[1]) - engine.cpuSecondsAt(a[1]);
        return new double[] {(b[0] - a[0]) / seconds, cpu / seconds};
    }

    /** p50 and p99 (ms) of window visible minus its closing record's send time, after the warm-up; and n. */
    static double[] latency(List<Seen> seen, Oracle.Expected truth, InputTopic.Paced paced) {
        int from = paced.fullRateFrom();
        List<Long> samples = new ArrayList<>();
        for (long[] p : firstSightings(seen, truth)) {
            if (from >= 0 && p[0] >= from && paced.sentAt((int) p[0]) >= paced.sentAt(from) + LATENCY_WARMUP.toMillis()) {
                samples.add(p[1] - paced.sentAt((int) p[0]));
            }
        }
        if (samples.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        samples.sort(Long::compare);
        return new double[] {percentile(samples, 50), percentile(samples, 99), samples.size()};
    }

    static double percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** (closing index, seen at) of each expected window's first sighting. */
    private static List<long[]> firstSightings(List<Seen> seen, Oracle.Expected truth) {
        Set<WindowKey> done = new HashSet<>();
        List<long[]> points = new ArrayList<>();
        Map<WindowKey, Integer> closing = truth.closingIndex();
        for (Seen s : seen) {
            Integer idx = closing.get(s.window().key());
            if (idx != null && done.add(s.window().key())) {
                points.add(new long[] {idx, s.seenAtMillis()});
            }
        }
        return points;
    }

    private void createTopics(Engine engine, String prefix, String inputTopic) {
        try (var admin = ctx.kafka().admin()) {
            Topics.ensure(admin, TopicSpec.of(prefix + "windows", 1));
            Topics.ensure(admin, TopicSpec.of(prefix + "dlq", 1));
            if (!engine.stateDirectory) {
                Topics.ensure(admin, TopicSpec.of(prefix + "state", 1)
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            if (inputTopic != null) {
                Topics.ensure(admin, TopicSpec.of(inputTopic, 1));
            }
        } catch (RuntimeException e) {
            throw new LabException("cannot create the topics of " + prefix + "*: " + e.getMessage(), e);
        }
    }
}
