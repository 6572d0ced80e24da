package dev.streaminglab.engines.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What both Flink jobs share: the kit's engine flags (the same for every engine: --bootstrap --input --windows
 * --dlq --registry --state --commit-ms --guarantee --id), and a local MiniCluster that checkpoints every
 * commit interval into the state folder, keeps its checkpoints after a kill, and on start resumes from the
 * newest one: Flink's exactly-once is checkpoints plus Kafka transactions committed when a checkpoint completes.
 */
final class FlinkRuntime {
    /** Two task slots: the machine has two cores. */
    static final int PARALLELISM = 2;
    final Map<String, String> args;
    final Map<String, String> sites;

    private FlinkRuntime(Map<String, String> args, Map<String, String> sites) {
        this.args = args;
        this.sites = sites;
    }

    static FlinkRuntime parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            m.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        for (String required : List.of("bootstrap", "input", "windows", "dlq", "registry", "state", "id")) {
            if (!m.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required);
            }
        }
        Map<String, String> sites = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(m.get("registry")))) {
                if (!line.isBlank()) {
                    sites.put(line.split(",")[0], line.split(",")[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlinkRuntime(m, sites);
    }

    String arg(String name) {
        return args.get(name);
    }

    boolean exactlyOnce() {
        return !"at_least_once".equals(args.get("guarantee"));
    }

    StreamExecutionEnvironment environment() {
        Path checkpoints = Path.of(arg("state"), "checkpoints").toAbsolutePath();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(Long.parseLong(
                args.getOrDefault("commit-ms", "1000"))));
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, exactlyOnce() ? CheckpointingMode.EXACTLY_ONCE
                : CheckpointingMode.AT_LEAST_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        newestCheckpoint(checkpoints).ifPresent(c -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, c.toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    /** The newest completed checkpoint (a chk-N folder with its _metadata) of any earlier run, if any. */
    private static Optional<Path> newestCheckpoint(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")).map(Path::getParent)
                    .max(Comparator.comparingLong(p -> p.resolve("_metadata").toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
