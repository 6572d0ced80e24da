package dev.streaminglab.engines;

import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.ConnectionOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The engine comparison's command line: run the job on every engine, check each against the oracle, measure. */
@Command(name = "engines", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the same streaming job (docs/evaluation/job.md) on Kafka Streams, Flink (DataStream and",
                "SQL), a plain consumer/producer program, Python and Spark, each in a process of its own, on the",
                "same input; compare every engine's windows and dead letters with the oracle's exact truth.",
                "quick: correctness of every engine on a small input (a few minutes).",
                "full: also throughput (3 repetitions, engines in alternating order after a warm-up, trials",
                "disturbed by outside load redone), latency at half of each engine's own",
                "maximum, recovery after kill -9, start-up, memory, lines of code (about an hour on 2 cores).",
                "Writes results.json, results.csv, report.md and charts to .work/results/engines/<time>-<profile>/."})
public final class EnginesCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--profile", defaultValue = "quick", description = "quick or full (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--engines", split = ",", description = "comma-separated subset of kafka-streams, "
            + "flink-datastream, flink-sql, plain-java, python, spark (default: all)")
    List<String> engines = Arrays.stream(Engine.values()).map(e -> e.id).toList();

    @Option(names = "--repetitions", description = "repetitions of throughput and latency (default: the profile's)")
    Integer repetitions;

    @Option(names = "--out", description = "results root (default: .work/results/engines in the checkout)")
    Path out;

    @Option(names = "--publish", description = "copy the run's results and charts to docs/results/engines and "
            + "regenerate docs/evaluation-criteria.md from them (for the reference machine's full run)")
    boolean publish;

    @Option(names = "--render-grid", description = "run nothing: regenerate docs/evaluation-criteria.md from "
            + "docs/results/engines/results.json and docs/evaluation/criteria-template.md")
    boolean renderGrid;

    @Override
    public Integer call() {
        Path home = LabHome.requireCheckout();
        if (renderGrid) {
            System.out.println("wrote " + EngineGrid.write(home, EngineFigures.read(EngineFigures.committed())));
            return 0;
        }
        EngineProfile p = EngineProfile.named(profile);
        if (repetitions != null) {
            p = p.withRepetitions(repetitions);
        }
        List<Engine> chosen = engines.stream().map(Engine::byId).toList();
        EngineBench.Run run = new EngineBench(connection.connection(), p, chosen,
                out != null ? out : EngineFigures.defaultRoot(), System.out::println).run();
        EngineFigures figures = new EngineFigures(run.results());
        System.out.println();
        System.out.println(figures.table());
        System.out.println("results and report in " + run.dir());
        if (publish) {
            figures.write(EngineFigures.committed());
            System.out.println("published to " + EngineFigures.committed() + "; wrote "
                    + EngineGrid.write(home, figures));
        }
        boolean allExact = chosen.stream().allMatch(e -> run.errors(TrialKind.CORRECTNESS, e).isEmpty()
                && run.comparisons(TrialKind.CORRECTNESS, e).stream().allMatch(Comparison::exact));
        return allExact ? 0 : 1;
    }
}
