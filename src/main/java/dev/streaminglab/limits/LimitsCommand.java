package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.ConnectionOptions;
import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
            for (Experiment e : Experiments.all()) {
                System.out.printf("%-26s %s%n%26s %s%n", e.name(), e.capability(), "", e.question());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run experiments and write each finding to the results folder as JSON.")
    static class RunCommand implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "experiments to run (see 'list')")
        List<String> names = List.of();

        @Option(names = "--all", description = "run every experiment")
        boolean all;

        @Option(names = "--mode", defaultValue = "quick",
                description = "quick (small data, seconds each) or full (figures worth quoting); default: ${DEFAULT-VALUE}")
        String mode;

        @Option(names = "--results", description = "folder for the findings (default: .work/results/limits)")
        Path results;

        @Override
        public Integer call() {
            Mode m = parseMode(mode);
            if (all == !names.isEmpty()) {
                throw new LabException("name the experiments to run, or pass --all (not both); "
                        + "see 'limits list'");
            }
            List<Experiment> chosen = all ? Experiments.all() : names.stream().map(Experiments::named).toList();
            KafkaConnection kafka = connection.connection();
            kafka.requireReachable();
            ResultStore store = results == null ? ResultStore.atDefault() : new ResultStore(results);
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("experiments").setInitialMax(chosen.size())
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .build()) {
                for (Experiment e : chosen) {
                    bar.setExtraMessage(e.name());
                    Finding f = e.run(kafka, m);
                    store.write(f);
                    System.out.printf("%-26s %-20s %s%n", f.experiment(), f.verdict().label(), f.headline());
                    bar.step();
                }
            }
            System.err.println("findings written to " + store.dir());
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write docs/kafka-streams-limits.md from the stored findings.")
    static class ReportCommand implements Callable<Integer> {
        @Option(names = "--results", description = "folder of the findings (default: .work/results/limits)")
        Path results;

        @Option(names = "--out", description = "the markdown file to write (default: docs/kafka-streams-limits.md)")
        Path out;

        @Override
        public Integer call() {
            ResultStore store = results == null ? ResultStore.atDefault() : new ResultStore(results);
            List<Finding> findings = store.readAll();
            if (findings.isEmpty()) {
                throw new LabException("no findings in " + store.dir()
                        + ": run experiments first, e.g. 'Limits.java run --all'");
            }
            Path file = out != null ? out
                    : LabHome.requireCheckout().resolve("docs").resolve("kafka-streams-limits.md");
            LimitsReport.write(findings, file);
            System.out.println("wrote " + file + " from " + findings.size() + " finding(s)");
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
