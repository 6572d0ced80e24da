package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.chart.Charts;
import dev.streaminglab.measure.CommitStamp;
import dev.streaminglab.measure.MachineFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs the selected suites of a profile on clusters of its own and writes the results, the report and the
 * charts into a new folder under the results root, then copies them to {@code latest}.
 */
public final class BenchRunner {
    /** Suites in the order they run: everything on one node first, the three-node cluster last. */
    public static final List<String> ALL_SUITES = List.of(ProducerSuite.NAME, ConsumerSuite.NAME, EndToEndSuite.NAME,
            StreamsSuite.NAME, ReplicationSuite.NAME);

    /**
     * @param workDir clusters' data and Streams state (wiped after the run)
     * @param port first broker port of the bench's own clusters; 0 picks free ports
     */
    public record Options(Profile profile, List<String> suites, Path resultsRoot, Path workDir, int port,
            boolean progress) {
    }

    private BenchRunner() {
    }

    public static BenchResults run(Options o) {
        List<String> unknown = o.suites().stream().filter(s -> !ALL_SUITES.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new LabException("unknown suite(s) " + unknown + ": choose from " + ALL_SUITES);
        }
        MachineFacts machine = MachineFacts.collect();
        Stamp run = new Stamp(machine, Instant.now().toString(), CommitStamp.current().toString(),
                System.nanoTime());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = o.resultsRoot().toAbsolutePath().resolve(stamp + "-" + o.profile().name());
        List<String> ran = ALL_SUITES.stream().filter(o.suites()::contains).toList();
        List<Measurement> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (WorkDirLock lock = WorkDirLock.acquire(o.workDir());
                BenchClusters clusters = new BenchClusters(o.workDir().resolve("clusters"), o.port())) {
            BenchContext ctx = new BenchContext(o.profile(), clusters, o.workDir(), dir.resolve("logs"));
            List<BenchStep> steps = ran.stream().flatMap(s -> steps(s, ctx).stream()).toList();
            try (ProgressBar bar = progressBar(o, steps.size())) {
                for (BenchStep step : steps) {
                    bar.setExtraMessage(step.suite() + ": " + step.name());
                    try {
                        rows.addAll(step.action().get());
                    } catch (RuntimeException e) {
                        // One failed step must not throw away the measurements of a long run; it is reported below.
                        failures.add(step.suite() + " / " + step.name() + ": "
                                + (e instanceof LabException ? e.getMessage() : e.toString()));
                    }
                    results(dir, run, o.profile(), ran, rows, failures).writeData();
                    bar.step();
                }
            }
        }
        BenchResults results = results(dir, run, o.profile(), ran, rows, failures);
        results.writeData();
        var charts = BenchCharts.all(results);
        charts.forEach((file, chart) -> Charts.savePng(chart, dir.resolve(file)));
        BenchReport.write(results, charts);
        if (!failures.isEmpty()) {
            throw new LabException(failures.size() + " step(s) failed, first: " + failures.get(0)
                    + ". The other results are in " + dir + " (latest/ left as it was)");
        }
        results.copyToLatest();
        return results;
    }

    /** What every write of a run's results repeats: its machine, start and commit. */
    private record Stamp(MachineFacts machine, String startedAt, String commit, long t0) {
    }

    private static BenchResults results(Path dir, Stamp stamp, Profile profile, List<String> suites,
            List<Measurement> rows, List<String> failures) {
        return new BenchResults(dir, stamp.machine(), new BenchResults.Parameters(profile, suites, stamp.startedAt(),
                stamp.commit(), (System.nanoTime() - stamp.t0()) / 1e9, List.copyOf(failures)), rows);
    }

    private static List<BenchStep> steps(String suite, BenchContext ctx) {
        return switch (suite) {
            case ProducerSuite.NAME -> ProducerSuite.steps(ctx);
            case ConsumerSuite.NAME -> ConsumerSuite.steps(ctx);
            case EndToEndSuite.NAME -> EndToEndSuite.steps(ctx);
            case StreamsSuite.NAME -> StreamsSuite.steps(ctx);
            case ReplicationSuite.NAME -> ReplicationSuite.steps(ctx);
            default -> throw new IllegalArgumentException(suite);
        };
    }

    private static ProgressBar progressBar(Options o, int steps) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("bench " + o.profile().name()).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500);
        b.setConsumer(o.progress() ? new ConsoleProgressBarConsumer(System.err) : new DelegatingProgressBarConsumer(s -> {
        }));
        return b.build();
    }
}
