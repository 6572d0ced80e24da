package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.chart.Charts;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.LoadGuard;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs the selected suites of a profile and writes, into a new folder under the results root, the results (the one
 * format of {@code measure}), the report and the charts, then copies them to {@code latest}. The results are
 * rewritten after every suite, so a long run that fails late keeps what it measured.
 */
public final class BenchRunner {
    /**
     * @param workDir clusters' data, inputs, Streams state and client logs (wiped before the run)
     * @param port the broker port of the run's own cluster; 0 picks a free one
     * @param bootstrap a remote cluster instead of the run's own; null for the run's own
     * @param clientConfig client properties (TLS, SASL) for the remote cluster; may be null
     */
    public record Options(Profile profile, List<String> suites, Path resultsRoot, Path workDir, int port,
            String bootstrap, Path clientConfig, boolean progress, LoadGuard guard) {
        /** The quick profile, every suite, on the run's own cluster, in this checkout's usual folders. */
        public static Options quick() {
            return new Options(Profile.QUICK, BenchSuites.ALL, Runs.defaultRoot(), LabHome.workDir().resolve("bench"),
                    0, null, null, false, LoadGuard.NONE);
        }
    }

    /** Where a run went, and what it measured. */
    public record Run(Path dir, Results results) {
    }

    private BenchRunner() {
    }

    public static Run run(Options o) {
        List<String> unknown = o.suites().stream().filter(s -> !BenchSuites.ALL.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new LabException("unknown suite(s) " + unknown + ": choose from " + BenchSuites.ALL);
        }
        RunStamp stamp = RunStamp.start("bench", o.profile().name());
        Path dir = o.resultsRoot().toAbsolutePath().resolve(LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + o.profile().name());
        List<String> suites = BenchSuites.ALL.stream().filter(o.suites()::contains).toList();
        Map<String, Object> workload = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Double> minutes = new LinkedHashMap<>();
        BenchContext ctx;
        try (WorkDirLock lock = WorkDirLock.acquire(o.workDir());
                BenchClusters clusters = new BenchClusters(o.workDir().resolve("clusters"), o.port());
                ProgressBar bar = progressBar(o)) {
            boolean own = o.bootstrap() == null;
            ctx = new BenchContext(o.profile(), () -> own ? clusters.single()
                    : KafkaConnection.of(o.bootstrap()).withClientConfig(o.clientConfig()), own, o.workDir(), o.guard(),
                    step -> {
                        bar.setExtraMessage(step);
                        bar.step();
                    });
            try {
                for (String suite : suites) {
                    long t0 = System.nanoTime();
                    try {
                        SuiteResult r = BenchSuites.run(suite, ctx);
                        ctx.rows.addAll(r.rows());
                        workload.putAll(r.workload());
                        notes.addAll(r.notes());
                    } catch (RuntimeException e) {
                        // One failed suite must not throw away the measurements of a long run; it is reported below.
                        failures.add(suite + ": " + (e instanceof LabException ? e.getMessage() : e.toString()));
                    }
                    minutes.put(suite, (System.nanoTime() - t0) / 60e9);
                    write(dir, stamp, o, workload, ctx.rows, notes, failures, minutes);
                }
            } finally {
                ctx.closeRig();
            }
        }
        Results results = write(dir, stamp.finished(), o, workload, ctx.rows, notes, failures, minutes);
        Plots.all(results).forEach((file, chart) -> Charts.savePng(chart, dir.resolve(file), results.stamp().footer()));
        Report.write(results, Plots.all(results).keySet(), dir.resolve(Runs.REPORT));
        if (!failures.isEmpty()) {
            throw new LabException(failures.size() + " suite(s) failed, first: " + failures.get(0)
                    + ". The other results are in " + dir + " (latest/ left as it was)");
        }
        Runs.copyToLatest(dir);
        return new Run(dir, results);
    }

    private static Results write(Path dir, RunStamp stamp, Options o, Map<String, Object> workload, List<Row> rows,
            List<String> notes, List<String> failures, Map<String, Double> minutes) {
        List<Row> all = new ArrayList<>(rows);
        Map<String, Double> budget = o.profile().budget();
        minutes.forEach((suite, taken) -> all.add(Row.of(Report.BUDGET, suite, "minutes")
                .fact("planned_minutes", Math.round(budget.getOrDefault(suite, 0.0) * 10) / 10.0)
                .fact("taken_minutes", Math.round(taken * 10) / 10.0)));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("suites", String.join(", ", o.suites()));
        w.put("cluster", o.bootstrap() == null ? "the run's own: 1 KRaft node on 127.0.0.1 (LocalCluster)"
                : "remote: " + o.bootstrap());
        w.putAll(workload);
        List<String> n = new ArrayList<>(notes);
        failures.forEach(f -> n.add("FAILED " + f));
        Results r = new Results(stamp, w, all, n);
        r.write(dir);
        return r;
    }

    private static ProgressBar progressBar(Options o) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("bench " + o.profile().name()).setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setUnit(" runs", 1);
        b.setConsumer(o.progress() ? new ConsoleProgressBarConsumer(System.err)
                : new DelegatingProgressBarConsumer(line -> { }));
        return b.build();
    }
}
