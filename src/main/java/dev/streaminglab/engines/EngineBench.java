package dev.streaminglab.engines;

import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.measure.Trials;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Runs the job on every chosen engine, kind of trial by kind, as {@link Trials} orders a comparison (engines in
 * alternating order round by round, warm-up, disturbed trials redone and counted), against the same inputs and the
 * same oracle; writes one {@link Results} with the run's stamp, a report and charts ({@link EngineFigures}).
 */
public final class EngineBench {
    /** What a run gave: the results as written, and every kept trial by kind (with its comparison). */
    public record Run(Path dir, Results results, Map<TrialKind, Trials.Outcome<EngineTrial.Result>> outcomes) {
        /** Every kept trial's comparison of {@code engine} in {@code kind}, in round order. */
        public List<Comparison> comparisons(TrialKind kind, Engine engine) {
            return trials(kind, engine).stream().map(EngineTrial.Result::comparison).toList();
        }

        /** The errors of the kept trials of {@code engine} in {@code kind} (none when every trial completed). */
        public List<String> errors(TrialKind kind, Engine engine) {
            return trials(kind, engine).stream().map(EngineTrial.Result::error).filter(e -> e != null).toList();
        }

        private List<EngineTrial.Result> trials(TrialKind kind, Engine engine) {
            Trials.Outcome<EngineTrial.Result> o = outcomes.get(kind);
            return o == null ? List.of() : o.values(engine.id);
        }
    }

    private final KafkaConnection kafka;
    private final EngineProfile profile;
    private final List<Engine> engines;
    private final Path runDir;
    private final Consumer<String> progress;
    private final String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    private final AtomicInteger trialCount = new AtomicInteger();

    public EngineBench(KafkaConnection kafka, EngineProfile profile, List<Engine> engines, Path root,
            Consumer<String> progress) {
        this.kafka = kafka;
        this.profile = profile;
        this.engines = List.copyOf(engines);
        this.runDir = root.resolve(runId + "-" + profile.name());
        this.progress = progress;
    }

    public Path runDir() {
        return runDir;
    }

    public Run run() {
        kafka.requireReachable();
        RunStamp stamp = RunStamp.start("engines", profile.name());
        DeviceRegistry registry = DeviceRegistry.lab(GeneratorSettings.LAB_DEVICES, DeviceRegistry.DEFAULT_SITES);
        Path registryFile = SiteRegistry.write(registry, runDir.resolve("registry.csv"));
        Map<String, String> sites = SiteRegistry.sites(registry);
        EngineTrial trial = new EngineTrial(new EngineTrial.Context(kafka, runId, runDir, registryFile,
                profile.commitMs(), profile.timeout()));
        Map<String, Object> workload = profile.describe();
        Map<String, String> labels = new LinkedHashMap<>();
        engines.forEach(e -> labels.put(e.id, e.label));
        workload.put(EngineFigures.ENGINES, labels);
        Map<TrialKind, Trials.Outcome<EngineTrial.Result>> outcomes = new EnumMap<>(TrialKind.class);
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (TrialKind kind : profile.kinds()) {
            Map<Engine, EngineTrial.Input> inputs = new LinkedHashMap<>();
            Map<Engine, Double> rates = new LinkedHashMap<>();
            if (kind.paced()) {
                for (Engine e : engines) {
                    double rate = halfOfMaximum(e, outcomes.get(TrialKind.THROUGHPUT));
                    if (Double.isNaN(rate)) {
                        notes.add(e.id + " " + kind.id() + ": not run, no throughput figure to take half of");
                        progress.accept(notes.get(notes.size() - 1));
                        continue;
                    }
                    int count = (int) Math.min(kind == TrialKind.LATENCY ? profile.latencyRecords()
                            : profile.recoveryRecords(), rate * EngineProfile.PACED_SECONDS);
                    List<JobInput.Record> records = JobInput.build(profile.settings(count), profile.duplicates(), true);
                    inputs.put(e, new EngineTrial.Input(null, records, Oracle.compute(records, sites)));
                    rates.put(e, rate);
                }
            } else {
                EngineTrial.Input shared = input(kind, sites);
                engines.forEach(e -> inputs.put(e, shared));
                if (kind == TrialKind.CORRECTNESS) {
                    workload.put("correctness input", describe(shared));
                }
            }
            List<Trials.Arm<EngineTrial.Result>> arms = new ArrayList<>();
            inputs.forEach((e, in) -> arms.add(new Trials.Arm<>(e.id, sampler -> {
                double rate = rates.getOrDefault(e, Double.NaN);
                String tag = e.id + "-" + kind.id() + "-" + trialCount.incrementAndGet();
                EngineTrial.Result r = trial.run(e, kind, in, tag, rate, sampler);
                progress.accept("  " + line(r));
                return r;
            })));
            if (arms.isEmpty()) {
                continue;
            }
            Trials trials = new Trials(profile.repetitions(kind), profile.warmUp() && kind != TrialKind.CORRECTNESS,
                    Trials.Order.ALTERNATING, profile.guard(), LocalCluster.pidsServing(kafka), profile.seed())
                    .onEachRun(step -> progress.accept(kind.id() + " " + step));
            Trials.Outcome<EngineTrial.Result> outcome = trials.run(arms);
            outcomes.put(kind, outcome);
            inputs.forEach((e, in) -> rows.add(row(kind, e, in, rates.getOrDefault(e, Double.NaN), outcome)));
        }
        Path home = LabHome.requireCheckout();
        for (Engine e : engines) {
            int loc = e.sources.stream().mapToInt(s -> LinesOfCode.count(home.resolve(s))).sum();
            rows.add(Row.of(EngineFigures.GROUP, EngineFigures.STATIC, e.id).param("files", e.sources)
                    .fact(EngineFigures.LINES_OF_CODE, loc));
        }
        Results results = new Results(stamp.finished(), workload, rows, notes);
        new EngineFigures(results).write(runDir);
        deleteTopics();
        return new Run(runDir, results, outcomes);
    }

    private EngineTrial.Input input(TrialKind kind, Map<String, String> sites) {
        int count = switch (kind) {
            case CORRECTNESS -> profile.correctnessRecords();
            case THROUGHPUT -> profile.throughputRecords();
            case LATENCY, RECOVERY -> throw new IllegalArgumentException(kind + " inputs are paced, built per engine");
        };
        List<JobInput.Record> records = JobInput.build(profile.settings(count), profile.duplicates(), true);
        String topic = "engines." + runId + ".input-" + kind.id();
        try (var admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of(topic, 1));
        }
        progress.accept(String.format("%s input: %,d records to %s", kind.id(), records.size(), topic));
        InputTopic.preload(kafka, topic, records);
        return new EngineTrial.Input(topic, records, Oracle.compute(records, sites));
    }

    /** What the correctness input holds and what the oracle expects of it: the report prints it. */
    private static Map<String, Object> describe(EngineTrial.Input in) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("records", in.records().size());
        d.put("origins", JobInput.originCounts(in.records()));
        d.put("expected windows", in.truth().windows().size());
        d.put("expected dead letters", in.truth().deadLettersByReason());
        return d;
    }

    private static double halfOfMaximum(Engine e, Trials.Outcome<EngineTrial.Result> throughput) {
        if (throughput == null) {
            return Double.NaN;
        }
        return spread(throughput.values(e.id), EngineTrial.Result::recordsPerSecond).map(s -> s.median() / 2)
                .orElse(Double.NaN);
    }

    /**
     * One row per engine and kind: timings and comparison counts as spreads over the trials that completed (a
     * kill -9 duplicates a varying number of windows, so counts vary like timings; every trial's count is in the
     * samples), and as facts whether every trial was exact, how many failed and why.
     */
    private Row row(TrialKind kind, Engine e, EngineTrial.Input in, double rate,
            Trials.Outcome<EngineTrial.Result> outcome) {
        List<EngineTrial.Result> all = outcome.values(e.id);
        List<EngineTrial.Result> done = all.stream().filter(EngineTrial.Result::ok).toList();
        Row row = Row.of(EngineFigures.GROUP, kind.id(), e.id).param("records", in.records().size())
                .param("guarantee", e.guarantee);
        if (!Double.isNaN(rate)) {
            row = row.param("paced_records_per_s", Math.round(rate));
        }
        Map<String, ToDoubleFunction<EngineTrial.Result>> figures = new LinkedHashMap<>();
        figures.put("startup_s", EngineTrial.Result::startupSeconds);
        figures.put("records_per_s", EngineTrial.Result::recordsPerSecond);
        figures.put("cpu_cores", EngineTrial.Result::cpuCores);
        figures.put("records_per_s_per_core", r -> r.recordsPerSecond() / r.cpuCores());
        figures.put("rss_peak_mb", EngineTrial.Result::peakRssMb);
        figures.put("latency_p50_ms", EngineTrial.Result::latencyP50Ms);
        figures.put("latency_p99_ms", EngineTrial.Result::latencyP99Ms);
        figures.put("latency_windows", r -> r.latencySamples() == 0 ? Double.NaN : r.latencySamples());
        figures.put("recovery_s", EngineTrial.Result::recoverySeconds);
        figures.put("trial_s", EngineTrial.Result::seconds);
        figures.put("windows_matched", r -> r.comparison().matched());
        figures.put("windows_missing", r -> r.comparison().missing());
        figures.put("windows_wrong", r -> r.comparison().wrong());
        figures.put("windows_duplicated", r -> r.comparison().duplicated());
        figures.put("windows_unexpected", r -> r.comparison().unexpected());
        figures.put("dead_letters_missing", r -> r.comparison().deadLettersMissing());
        figures.put("dead_letters_extra", r -> r.comparison().deadLettersExtra());
        for (var f : figures.entrySet()) {
            var s = spread(done, f.getValue());
            if (s.isPresent()) {
                row = row.figure(f.getKey(), s.get());
            }
        }
        Comparison worst = all.stream().map(EngineTrial.Result::comparison).filter(c -> !c.exact()).findFirst()
                .orElse(all.get(0).comparison());
        return row.fact(EngineFigures.EXACT, !all.isEmpty() && done.size() == all.size()
                        && done.stream().allMatch(r -> r.comparison().exact()))
                .fact(EngineFigures.FAILED, all.size() - done.size())
                .fact("windows_expected", in.truth().windows().size())
                .fact("dead_letters_expected", in.truth().deadLetters().size())
                .fact(EngineFigures.SUMMARY, worst.summary())
                .fact("discrepancies", String.join("; ", worst.examples()))
                .fact("errors", String.join("\n", all.stream().map(EngineTrial.Result::error)
                        .filter(err -> err != null).toList()))
                .fact("logs", all.stream().map(r -> runDir.relativize(r.log()).toString()).toList())
                .load(outcome.load(e.id), outcome.discarded());
    }

    /** The spread of a figure over trials, NaN (a figure the kind does not have) left out. */
    private static Optional<Spread> spread(List<EngineTrial.Result> trials,
            ToDoubleFunction<EngineTrial.Result> figure) {
        List<Double> v = trials.stream().map(figure::applyAsDouble).filter(d -> !Double.isNaN(d)
                && !Double.isInfinite(d)).toList();
        return v.isEmpty() ? Optional.empty() : Optional.of(Spread.of(v));
    }

    static String line(EngineTrial.Result r) {
        StringBuilder b = new StringBuilder(r.comparison().summary());
        b.append(String.format("; first window after %.1f s; peak RSS %.0f MB", r.startupSeconds(), r.peakRssMb()));
        if (!Double.isNaN(r.recordsPerSecond())) {
            b.append(String.format("; %.0f records/s on %.2f cores", r.recordsPerSecond(), r.cpuCores()));
        }
        if (!Double.isNaN(r.latencyP50Ms())) {
            b.append(String.format("; latency p50 %.0f ms, p99 %.0f ms (%d windows)", r.latencyP50Ms(),
                    r.latencyP99Ms(), r.latencySamples()));
        }
        if (!Double.isNaN(r.recoverySeconds())) {
            b.append(String.format("; next window %.1f s after kill -9", r.recoverySeconds()));
        }
        if (!r.ok()) {
            b.append("\n  FAILED: ").append(r.error());
        }
        return b.toString();
    }

    /** This run's topics: inputs and outputs, gone once the results are written. */
    private void deleteTopics() {
        try (var admin = kafka.admin()) {
            var mine = Topics.list(admin).stream().filter(t -> t.startsWith("engines." + runId + ".")).toList();
            admin.deleteTopics(mine).all().get();
        } catch (Exception e) {
            progress.accept("could not delete this run's topics (engines." + runId + ".*): " + e.getMessage());
        }
    }
}
