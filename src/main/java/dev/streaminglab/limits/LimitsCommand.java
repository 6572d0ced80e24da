package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.ConnectionOptions;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code Limits.java}: the catalogue of Kafka Streams possibilities and limits, as runnable experiments. */
@Command(name = "limits", mixinStandardHelpOptions = true,
        description = "Named experiments that measure what Kafka Streams can and cannot do, against a real cluster.",
        subcommands = {LimitsCommand.ListCommand.class, LimitsCommand.RunCommand.class,
                LimitsCommand.ReportCommand.class})
public class LimitsCommand implements Runnable {
    @Override
    public void run() {
        new ListCommand().run();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments and their questions.")
    static class ListCommand implements Runnable {
        @Override
        public void run() {
            for (Experiment e : Catalogue.all()) {
                System.out.printf("%-26s %s%n%26s %s%n", e.about().name(), e.about().capability(), "",
                        e.about().question());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run experiments and write each one's results (results.json, results.csv) to its folder.")
    static class RunCommand implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "experiments to run (see 'list')")
        List<String> names = List.of();

        @Option(names = "--all", description = "run every experiment")
        boolean all;

        @Option(names = "--mode", defaultValue = "quick",
                description = "quick (small data, one run, seconds each) or full (figures worth quoting: "
                        + "3 repetitions after a warm-up, busy runs redone); default: ${DEFAULT-VALUE}")
        String mode;

        @Option(names = "--seed", description = "seed of the random order of the arms (default: the start time)")
        Long seed;

        @Option(names = "--results", description = "folder for the results (default: .work/results/limits)")
        Path results;

        @Override
        public Integer call() {
            Mode m = parseMode(mode);
            if (all == !names.isEmpty()) {
                throw new LabException("name the experiments to run, or pass --all (not both); see 'limits list'");
            }
            List<Experiment> chosen = all ? Catalogue.all() : names.stream().map(Catalogue::named).toList();
            KafkaConnection kafka = connection.connection();
            kafka.requireReachable();
            LimitsResults store = results == null ? LimitsResults.atDefault() : new LimitsResults(results);
            List<String> failures = new ArrayList<>();
            try (Lab lab = new Lab(kafka, m, seed == null ? System.currentTimeMillis() : seed,
                    LocalCluster.pidsServing(kafka));
                    ProgressBar bar = new ProgressBarBuilder().setTaskName("experiments").setInitialMax(chosen.size())
                            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                            .build()) {
                lab.onEachRun(bar::setExtraMessage);
                for (Experiment e : chosen) {
                    String name = e.about().name();
                    try {
                        var r = lab.run(e);
                        store.write(name, r);
                        Finding f = e.read(new Evidence(e.about(), r));
                        System.out.printf("%-26s %-20s %s%n", name, f.verdict().label(), f.measured());
                    } catch (RuntimeException ex) {
                        // One failed experiment must not throw away an hour of the others; it is reported below.
                        failures.add(name + ": " + (ex instanceof LabException ? ex.getMessage() : ex.toString()));
                        System.out.printf("%-26s FAILED: %s%n", name, ex);
                    }
                    bar.step();
                }
            }
            System.err.println("results written to " + store.dir());
            if (!failures.isEmpty()) {
                throw new LabException(failures.size() + " experiment(s) failed, first: " + failures.get(0));
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write docs/kafka-streams-limits.md from results (default: the committed ones).")
    static class ReportCommand implements Callable<Integer> {
        @Option(names = "--results", description = "folder of the results (default: docs/results/limits)")
        Path results;

        @Option(names = "--out", description = "the markdown file to write (default: docs/kafka-streams-limits.md)")
        Path out;

        @Override
        public Integer call() {
            LimitsResults store = results == null ? LimitsResults.committed() : new LimitsResults(results);
            int found = store.readAll().size();
            if (found == 0) {
                throw new LabException("no results in " + store.dir()
                        + ": run experiments first, e.g. 'Limits.java run --all --mode full --results "
                        + store.dir() + "'");
            }
            Path file = out != null ? out
                    : LabHome.requireCheckout().resolve("docs").resolve("kafka-streams-limits.md");
            LimitsReport.write(store, file);
            System.out.println("wrote " + file + " from the results of " + found + " experiment(s)");
            return 0;
        }
    }

    static Mode parseMode(String text) {
        try {
            return Mode.valueOf(text.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LabException("--mode must be quick or full, got '" + text + "'");
        }
    }
}
