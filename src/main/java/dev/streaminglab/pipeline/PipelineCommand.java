package dev.streaminglab.pipeline;

import dev.streaminglab.Cli;
import dev.streaminglab.LabException;
import dev.streaminglab.cluster.ConnectionOptions;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.process.LateRecords;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Pipeline.java}: run the processing pipeline (all stages, or chosen ones) until Ctrl-C. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Run the telemetry pipeline: validation -> enrichment -> windowed aggregates and alerts.",
                "Creates its topics if missing (" + TopicSet.PARTITIONS + " partitions; devices: " + TopicSet.DEVICE_PARTITIONS
                        + ", compacted)."
                        + " Stop with Ctrl-C."})
public class PipelineCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** What the command runs with no flags: the defaults below and in --help are read from it. */
    private static final PipelineOptions DEFAULTS = PipelineOptions.defaults();
    private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--only", split = ",", paramLabel = "STAGE",
            description = "run only these stages: validation, enrichment, aggregates, alerts (default: all)")
    List<String> only;

    @Option(names = "--guarantee",
            description = "processing.guarantee: exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE})")
    String guarantee = DEFAULTS.guarantee().config;

    @Option(names = "--threads", description = "stream threads (default: ${DEFAULT-VALUE})")
    int threads = DEFAULTS.threads();

    @Option(names = "--instance-id",
            description = "names this instance when several run side by side (default: ${DEFAULT-VALUE})")
    String instanceId = DEFAULTS.instanceId();

    @Option(names = "--state-dir", description = "local state (RocksDB) folder (default: .work/streams/instance-ID)")
    Path stateDir;

    @Option(names = "--http-port",
            description = "interactive queries on 127.0.0.1:PORT; 0 for none (default: ${DEFAULT-VALUE})")
    int httpPort = DEFAULTS.httpPort();

    @Option(names = "--application-id",
            description = "Kafka Streams application.id: instances with the same id share the work "
                    + "(default: ${DEFAULT-VALUE})")
    String applicationId = DEFAULTS.applicationId();

    public static void main(String... args) {
        Cli.exit(new PipelineCommand(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1) {
            throw new LabException("--threads must be at least 1, got " + threads);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new LabException("--http-port must be 0..65535, got " + httpPort);
        }
        Set<Stage> stages = only == null ? EnumSet.allOf(Stage.class)
                : EnumSet.copyOf(only.stream().map(Stage::parse).toList());
        PipelineOptions options = DEFAULTS.withApplicationId(applicationId)
                .withStages(stages).withGuarantee(parseGuarantee(guarantee)).withThreads(threads)
                .withInstance(instanceId, stateDir != null ? stateDir : PipelineOptions.defaultStateDir(instanceId),
                        httpPort);
        KafkaConnection kafka = connection.connection();
        CountDownLatch stopped = new CountDownLatch(1);
        PipelineInstance instance = PipelineInstance.start(kafka, options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping the pipeline (committing, closing state stores)...");
            instance.close();
            stopped.countDown();
        }, "pipeline-shutdown"));
        instance.awaitRunning(START_TIMEOUT);
        System.out.printf("pipeline '%s' instance %s RUNNING on %s: stages %s, %s, %d thread(s), state in %s%n",
                applicationId, instanceId, kafka.bootstrap(), stages, options.guarantee().config, threads,
                options.stateDir());
        System.out.println("watch it:");
        System.out.println("  ./lab jbang run jbang-scripts/Tail.java -t " + TopicNames.DEAD_LETTER
                + "     refused records, reason in headers");
        System.out.println("  ./lab jbang run jbang-scripts/Tail.java -t " + TopicNames.AGGREGATES_SITE_1M
                + "  per-site averages");
        System.out.println("  ./lab jbang run jbang-scripts/Tail.java -t " + TopicNames.ALERTS);
        instance.queryUri().ifPresent(u -> System.out.println("  curl " + u + "/devices/{id}/latest   and   "
                + u + "/sites/{site}/windows?from=&to="));
        System.out.println("Ctrl-C stops it cleanly.");
        while (!stopped.await(STATUS_EVERY.toSeconds(), TimeUnit.SECONDS)) {
            // Exit, so that a service manager (systemd, supervisord) restarts the pipeline instead of keeping a
            // process alive whose Streams client has died.
            instance.requireAlive();
            System.out.printf("state %s, late records so far: %d%n", instance.streams().state(),
                    LateRecords.total(instance.streams()));
        }
        return 0;
    }

    static Guarantee parseGuarantee(String value) {
        return Arrays.stream(Guarantee.values()).filter(g -> g.config.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new LabException("unknown --guarantee '" + value + "': use "
                        + StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE));
    }
}
