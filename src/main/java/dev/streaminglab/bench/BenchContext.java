package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.costs.Rig;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.LoadGuard;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Trials;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every suite of a run shares: the profile, the cluster (the run's own single node, or a remote one given with
 * {@code --bootstrap}), the cost rig on it, folders, the load guard, the progress line, and the rows measured so far
 * (a later suite reads an earlier one's: the latency suite loads the pipeline at fractions of its measured maximum).
 */
final class BenchContext {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    final Profile profile;
    /** The run started this cluster itself: suites that start clusters or the demo may run. */
    final boolean ownCluster;
    final Path workDir;
    final Path logDir;
    final LoadGuard guard;
    final List<Row> rows = new ArrayList<>();
    private final Consumer<String> progress;
    private final Supplier<KafkaConnection> cluster;
    private KafkaConnection kafka;
    private Rig rig;

    /** @param cluster the cluster, started (or reached) when a suite first needs it */
    BenchContext(Profile profile, Supplier<KafkaConnection> cluster, boolean ownCluster, Path workDir, LoadGuard guard,
            Consumer<String> progress) {
        this.profile = profile;
        this.cluster = cluster;
        this.ownCluster = ownCluster;
        this.workDir = workDir;
        this.logDir = workDir.resolve("logs");
        this.guard = guard;
        this.progress = progress;
    }

    synchronized KafkaConnection kafka() {
        if (kafka == null) {
            kafka = cluster.get();
        }
        return kafka;
    }

    /** The cost rig on the cluster: inputs written once and shared by the suites. */
    synchronized Rig rig() {
        if (rig == null) {
            rig = new Rig(kafka(), workDir.resolve("costs"));
        }
        return rig;
    }

    /** Deletes what the rig wrote, if a suite used it. */
    synchronized void closeRig() {
        if (rig != null) {
            rig.close();
        }
    }

    /** Repetitions in alternating order (A B, B A, ...), each run sampled and redone when disturbed. */
    Trials trials(int repetitions, boolean warmUp) {
        return new Trials(repetitions, warmUp, Trials.Order.ALTERNATING, guard, Set.of(), 42).onEachRun(progress);
    }

    void progress(String step) {
        progress.accept(step);
    }

    /** A name no other topic or run of this benchmark uses. */
    static String unique(String what) {
        return "bench-" + what + "-" + Long.toString(System.currentTimeMillis() % 10_000_000, 36) + "-"
                + SEQUENCE.incrementAndGet();
    }

    /**
     * A client properties file for a child: the connection's own (security for a remote cluster) plus
     * {@code extra} (interceptors and their settings). Kafka's tools read it with --command-config.
     */
    Path clientProperties(String name, Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(kafka().clientProperties());
        p.putAll(extra);
        Path file = workDir.resolve("clients").resolve(name + ".properties");
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "client properties of " + name);
            }
            return file;
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
