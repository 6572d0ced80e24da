package dev.streaminglab.bench;

import dev.streaminglab.LabHome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The performance lab's command line: run suites of a profile, print where the results went. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the kit against Kafka's own tools (ProducerPerformance, ConsumerPerformance,",
                "EndToEndLatency) and Kafka Streams stages against a passthrough, on clusters the run starts",
                "for itself (never the one on 9092). Writes machine.json, parameters.json, results.csv/json,",
                "report.md and charts to .work/results/bench/<time>-<profile>/ and a copy to .work/results/bench/latest/.",
                "quick: every suite in under 3 minutes, to check it works. full: real figures, about 25 minutes",
                "on 2 cores; run it on a quiet machine."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "quick", description = "quick or full (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--suites", split = ",", description = "comma-separated subset of producer, consumer, e2e, "
            + "streams, replication (default: all)")
    List<String> suites = BenchRunner.ALL_SUITES;

    @Option(names = "--out", description = "results root (default: .work/results/bench in the checkout)")
    Path out;

    @Option(names = "--work", description = "clusters' data and Streams state, wiped afterwards (default: .work/bench)")
    Path work;

    @Option(names = "--port", defaultValue = "0", description = "first broker port of the bench's clusters; the "
            + "3-node cluster uses port+10 (default: 0 = free ports)")
    int port;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show a progress bar (default: on; --no-progress turns it off)")
    boolean progress;

    @Override
    public Integer call() {
        Path root = out != null ? out : BenchResults.defaultRoot();
        Path workDir = work != null ? work : LabHome.workDir().resolve("bench");
        BenchResults r = BenchRunner.run(new BenchRunner.Options(Profile.named(profile), suites, root, workDir, port,
                progress));
        System.out.println("results in " + r.dir() + " (copied to " + r.dir().getParent().resolve(BenchResults.LATEST) + ")");
        for (Map.Entry<String, String> h : BenchFindings.headline(r).entrySet()) {
            System.out.println("  " + h.getKey() + ": " + h.getValue());
        }
        System.out.println("report: " + r.dir().resolve(BenchResults.REPORT));
        return 0;
    }
}
