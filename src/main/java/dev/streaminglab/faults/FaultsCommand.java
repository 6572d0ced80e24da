package dev.streaminglab.faults;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Faults.java}: run fault experiments on clusters of their own and keep their exact counts and observed
 * metrics in one results file (rows of experiments not run this time are kept), for notebook 08 and the deck.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Break things on purpose and count: each experiment starts its own cluster, injects one fault "
                + "while records flow, and reads everything back.",
                "Experiments: " + NetworkPartition.NAME + " (needs root: network namespaces), " + BrokerCrash.NAME
                        + ", " + StreamsFailover.NAME + ", " + PostgresOutage.NAME + ", " + DiskFull.NAME + " (root: a tmpfs), "
                        + Soak.NAME + " (--soak-minutes)."})
public class FaultsCommand implements Callable<Integer> {
    /** The broker-crash experiment's three nodes, away from the usual Kafka ports. */
    static final int BROKER_CRASH_PORT = 19292;
    static final int SOAK_PORT = 19792;
    static final int OUTAGE_PORT = 19892;
    static final int FAILOVER_PORT = 19992;
    static final int DISK_FULL_PORT = 19592;
    static final List<String> EXPERIMENTS = List.of(NetworkPartition.NAME, BrokerCrash.NAME, StreamsFailover.NAME,
            PostgresOutage.NAME, DiskFull.NAME, Soak.NAME);

    @Option(names = "--experiment", split = ",", defaultValue = NetworkPartition.NAME,
            description = "experiments to run (default: ${DEFAULT-VALUE})")
    List<String> experiments;

    @Option(names = "--out", description = "results folder (default: docs/results/faults in the checkout)")
    Path out;

    @Option(names = "--work", description = "clusters' data (default: .work/faults)")
    Path work;

    @Option(names = "--soak-minutes", defaultValue = "60", description = "how long the soak runs (default: ${DEFAULT-VALUE})")
    long soakMinutes;

    @Option(names = "--prometheus-port", defaultValue = "19090",
            description = "each experiment's Prometheus on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int prometheusPort;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : LabHome.requireCheckout().resolve("docs/results/faults");
        Path scratch = work != null ? work : LabHome.workDir().resolve("faults");
        RunStamp stamp = RunStamp.start("faults", String.join("+", experiments));
        List<Row> rows = new ArrayList<>();
        for (String e : experiments) {
            System.out.println("running " + e + " ...");
            Row row = switch (e) {
                case NetworkPartition.NAME -> NetworkPartition.run(scratch.resolve(e), prometheusPort);
                case BrokerCrash.NAME -> BrokerCrash.run(scratch.resolve(e), BROKER_CRASH_PORT, prometheusPort);
                case PostgresOutage.NAME -> PostgresOutage.run(scratch.resolve(e), OUTAGE_PORT);
                case StreamsFailover.NAME -> StreamsFailover.run(scratch.resolve(e), FAILOVER_PORT, prometheusPort);
                case DiskFull.NAME -> DiskFull.run(scratch.resolve(e), DISK_FULL_PORT, prometheusPort);
                case Soak.NAME -> Soak.run(scratch.resolve(e), SOAK_PORT, prometheusPort, Duration.ofMinutes(soakMinutes));
                default -> throw new LabException("unknown experiment '" + e + "': use one of " + EXPERIMENTS);
            };
            rows.add(row);
            row.facts().forEach((k, v) -> System.out.printf("  %-28s %s%n", k, v));
        }
        System.out.println("results: " + save(dir, stamp.finished(), rows));
        return 0;
    }

    /** Writes the rows into the results of {@code dir}, replacing earlier rows of the same experiments. */
    public static Path save(Path dir, RunStamp stamp, List<Row> fresh) {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (Results.existIn(dir)) {
            Results before = Results.read(dir);
            before.rows().forEach(r -> rows.put(r.name(), r));
            notes.addAll(before.notes());
        }
        // Each row keeps where it comes from: rows of several runs share one results file.
        fresh.forEach(r -> rows.put(r.name(), r.fact("stamp", stamp.footer())));
        return new Results(stamp, Map.of("experiments", List.copyOf(rows.keySet())), List.copyOf(rows.values()), notes)
                .write(dir);
    }
}
