package dev.streaminglab.bench;

import dev.streaminglab.LabHome;
import dev.streaminglab.measure.LoadGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The performance lab's command line: run suites of a profile, print the headline and where the results went. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the kit the way a Kafka performance engineer would: every client in a JVM of its own,",
                "repetitions in alternating order, median with min–max, the machine's load sampled every second,",
                "an A/A control that marks a noisy run. Suites: cluster (launch to first write), producer (the kit",
                "and the generator against ProducerPerformance, Kreps 2014 replayed), streams (stages against a",
                "plain and a Streams passthrough, exactly-once and restore costs), latency (generator → pipeline →",
                "dashboard client), profile (JFR where a target is missed), memory (the whole demo).",
                "Writes results.json/csv, report.md and charts to .work/results/bench/<time>-<profile>/ and",
                "latest/. quick: structure only, a few minutes. full: the evidence, about 90 minutes on 2 cores,",
                "on a quiet machine."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "quick", description = "quick or full (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--suites", split = ",", description = "comma-separated subset of cluster, producer, streams, "
            + "latency, profile, memory (default: all)")
    List<String> suites = BenchSuites.ALL;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,...]",
            description = "run the producer and streams suites on this cluster instead of one of the run's own "
                    + "(the suites that start clusters, the pipeline on its standard topics or the demo are skipped)")
    String bootstrap;

    @Option(names = {"--client-config", "--command-config"}, paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL) for --bootstrap, given to every client and tool")
    Path clientConfig;

    @Option(names = "--out", description = "results root (default: .work/results/bench in the checkout)")
    Path out;

    @Option(names = "--work", description = "clusters' data, inputs and state, wiped afterwards (default: .work/bench)")
    Path work;

    @Option(names = "--port", defaultValue = "0", description = "broker port of the run's own cluster "
            + "(default: 0 = a free port)")
    int port;

    @Option(names = "--max-redos", defaultValue = "2", description = "full profile: times a run disturbed by other "
            + "processes (over 10 % of the CPU) is redone before it is kept and marked (default: ${DEFAULT-VALUE})")
    int maxRedos;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show a progress bar (default: on; --no-progress turns it off)")
    boolean progress;

    @Override
    public Integer call() {
        Profile p = Profile.named(profile);
        LoadGuard guard = p == Profile.QUICK ? LoadGuard.NONE
                : new LoadGuard(LoadGuard.DEFAULT.maxOutsidePct(), LoadGuard.DEFAULT.maxStealPct(), maxRedos);
        BenchRunner.Run run = BenchRunner.run(new BenchRunner.Options(p, suites, out != null ? out : Runs.defaultRoot(),
                work != null ? work : LabHome.workDir().resolve("bench"), port, bootstrap, clientConfig, progress,
                guard));
        System.out.println("results in " + run.dir() + " (copied to " + run.dir().resolveSibling(Runs.LATEST) + ")");
        Findings.headline(run.results()).forEach(line -> System.out.println("  " + line));
        System.out.println("report: " + run.dir().resolve(Runs.REPORT));
        return 0;
    }
}
