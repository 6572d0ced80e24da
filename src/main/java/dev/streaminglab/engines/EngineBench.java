package dev.streaminglab.engines;

import dev.streaminglab.LabHome;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.GeneratorSettings;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs the job on every chosen engine, trial kind by trial kind, repetitions in alternating order (forward, then
 * backward), against the same inputs and the same oracle, and collects the {@link EngineResults}.
 */
public final class EngineBench {
    private final KafkaConnection kafka;
    private final EngineProfile profile;
    private final List<Engine> engines;
    private final Path runDir;
    private final Consumer<String> progress;
    private final String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));

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

    public EngineResults run() {
        kafka.requireReachable();
        DeviceRegistry registry = DeviceRegistry.lab(GeneratorSettings.LAB_DEVICES, DeviceRegistry.DEFAULT_SITES);
        Path registryFile = SiteRegistry.write(registry, runDir.resolve("registry.csv"));
        Map<String, String> sites = SiteRegistry.sites(registry);
        EngineTrial trial = new EngineTrial(new EngineTrial.Context(kafka, runId, runDir, registryFile,
                profile.commitMs(), profile.timeout()));
        RunStamp stamp = RunStamp.start("engines", profile.name());
        List<EngineTrial.Result> results = new ArrayList<>();
        EngineResults.InputFacts inputFacts = null;
        for (TrialKind kind : profile.kinds()) {
            EngineTrial.Input input = kind.paced() ? null : input(kind, sites);
            if (kind == TrialKind.CORRECTNESS) {
                inputFacts = new EngineResults.InputFacts(input.records().size(),
                        JobInput.originCounts(input.records()), input.truth().windows().size(),
                        input.truth().deadLettersByReason());
            }
            int reps = switch (kind) {
                case CORRECTNESS -> 1;
                case RECOVERY -> profile.recoveryRepetitions();
                default -> profile.repetitions();
            };
            for (int rep = 1; rep <= reps; rep++) {
                List<Engine> order = new ArrayList<>(engines);
                if (rep % 2 == 0) {
                    Collections.reverse(order);
                }
                for (int pos = 0; pos < order.size(); pos++) {
                    Engine e = order.get(pos);
                    double rate = Double.NaN;
                    EngineTrial.Input in = input;
                    if (kind.paced()) {
                        rate = halfOfMaximum(e, results);
                        if (Double.isNaN(rate)) {
                            progress.accept(e.id + " " + kind.id() + ": skipped, no throughput figure to take half of");
                            continue;
                        }
                        int count = (int) Math.min(kind == TrialKind.LATENCY ? profile.latencyRecords()
                                : profile.recoveryRecords(), rate * EngineProfile.PACED_SECONDS);
                        List<JobInput.Record> records = JobInput.build(profile.settings(count), profile.duplicates(), true);
                        in = new EngineTrial.Input(null, records, Oracle.compute(records, sites));
                    }
                    progress.accept(String.format("%s %s #%d: %s", e.id, kind.id(), rep,
                            Double.isNaN(rate) ? "running" : String.format("paced at %.0f records/s", rate)));
                    EngineTrial.Result r = trial.run(e, kind, in, rep, pos, rate);
                    results.add(r);
                    progress.accept("  " + line(r));
                }
            }
        }
        List<EngineResults.Row> rows = new ArrayList<>();
        List<EngineResults.Trial> trials = new ArrayList<>();
        for (EngineTrial.Result r : results) {
            trials.add(new EngineResults.Trial(r.engine().id, r.kind().id(), r.repetition(), r.position(),
                    r.comparison(), r.error(), runDir.relativize(r.log()).toString()));
            rows.addAll(rows(r));
        }
        Path home = LabHome.requireCheckout();
        for (Engine e : engines) {
            int loc = e.sources.stream().mapToInt(s -> LinesOfCode.count(home.resolve(s))).sum();
            rows.add(new EngineResults.Row(e.id, "static", 0, 0, "lines_of_code", loc, "lines"));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        engines.forEach(e -> labels.put(e.id, e.label));
        EngineResults out = new EngineResults(stamp.finished(), profile, labels, inputFacts, trials, rows,
                EngineResults.summarise(rows));
        out.write(runDir);
        deleteTopics();
        return out;
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

    private static double halfOfMaximum(Engine e, List<EngineTrial.Result> results) {
        double[] rates = results.stream().filter(r -> r.engine() == e && r.kind() == TrialKind.THROUGHPUT)
                .mapToDouble(EngineTrial.Result::recordsPerSecond).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return rates.length == 0 ? Double.NaN : rates[rates.length / 2] / 2;
    }

    private static List<EngineResults.Row> rows(EngineTrial.Result r) {
        List<EngineResults.Row> rows = new ArrayList<>();
        Comparison c = r.comparison();
        String e = r.engine().id;
        String k = r.kind().id();
        BiConsumer<String, Double> add = (m, v) -> rows.add(new EngineResults.Row(e, k,
                r.repetition(), r.position(), m, v, unit(m)));
        add.accept("exact", c.exact() ? 1.0 : 0.0);
        add.accept("windows_expected", (double) c.expected());
        add.accept("windows_matched", (double) c.matched());
        add.accept("windows_missing", (double) c.missing());
        add.accept("windows_wrong", (double) c.wrong());
        add.accept("windows_duplicated", (double) c.duplicated());
        add.accept("windows_unexpected", (double) c.unexpected());
        add.accept("dead_letters_missing", (double) c.deadLettersMissing());
        add.accept("dead_letters_extra", (double) c.deadLettersExtra());
        add.accept("startup", r.startupSeconds());
        add.accept("records_per_s", r.recordsPerSecond());
        add.accept("cpu_cores", r.cpuCores());
        add.accept("records_per_s_per_core", r.recordsPerSecond() / r.cpuCores());
        add.accept("rss_peak", r.peakRssMb());
        add.accept("latency_p50", r.latencyP50Ms());
        add.accept("latency_p99", r.latencyP99Ms());
        add.accept("latency_samples", (double) r.latencySamples());
        add.accept("recovery", r.recoverySeconds());
        add.accept("machine_busy_cores", r.machineBusyCores());
        add.accept("load1_max", r.maxLoad1());
        add.accept("trial_seconds", r.seconds());
        add.accept("failed", r.ok() ? 0.0 : 1.0);
        return rows.stream().filter(row -> !Double.isNaN(row.value()) && !Double.isInfinite(row.value())).toList();
    }

    private static String unit(String metric) {
        return switch (metric) {
            case "startup", "recovery", "trial_seconds" -> "s";
            case "records_per_s" -> "records/s";
            case "records_per_s_per_core" -> "records/s/core";
            case "cpu_cores", "machine_busy_cores" -> "cores";
            case "rss_peak" -> "MB";
            case "latency_p50", "latency_p99" -> "ms";
            case "load1_max" -> "load";
            default -> "count";
        };
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
