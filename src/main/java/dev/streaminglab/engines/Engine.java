package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.RuntimeClasspath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engines that run the job, each as a process of its own started by the kit: its own JVM (and, for Flink and
 * Spark, its own classpath, resolved by Maven into target/engines/) or Debian's Python.
 */
public enum Engine {
    KAFKA_STREAMS("kafka-streams", "Kafka Streams 4.3.1 (exactly_once_v2)", Platform.KIT,
            "dev.streaminglab.engines.streams.StreamsJob", EngineArgs.EXACTLY_ONCE, true,
            List.of("src/main/java/dev/streaminglab/engines/streams/StreamsJob.java",
                    "src/main/java/dev/streaminglab/engines/JobCheck.java")),
    FLINK_DATASTREAM("flink-datastream", "Flink 2.2.1 DataStream, MiniCluster (checkpoints + Kafka transactions)",
            Platform.FLINK, "dev.streaminglab.engines.flink.FlinkDataStreamJob", EngineArgs.EXACTLY_ONCE, false,
            List.of("src/engines/flink/java/dev/streaminglab/engines/flink/FlinkDataStreamJob.java",
                    "src/engines/flink/java/dev/streaminglab/engines/flink/FlinkCheck.java")),
    FLINK_SQL("flink-sql", "Flink 2.2.1 SQL, MiniCluster (checkpoints + Kafka transactions)", Platform.FLINK,
            "dev.streaminglab.engines.flink.FlinkSqlJob", EngineArgs.EXACTLY_ONCE, false,
            List.of("src/engines/flink/java/dev/streaminglab/engines/flink/FlinkSqlJob.java",
                    "src/engines/flink/resources/dev/streaminglab/engines/flink/job.sql")),
    PLAIN_JAVA("plain-java", "KafkaConsumer/KafkaProducer 4.3.1, state and transactions by hand", Platform.KIT,
            "dev.streaminglab.engines.plain.PlainJob", EngineArgs.EXACTLY_ONCE, false,
            List.of("src/main/java/dev/streaminglab/engines/plain/PlainJob.java",
                    "src/main/java/dev/streaminglab/engines/JobCheck.java")),
    PYTHON("python", "Python, Debian python3-confluent-kafka, state and transactions by hand", Platform.PYTHON,
            "src/engines/python/telemetry_job.py", EngineArgs.EXACTLY_ONCE, false,
            List.of("src/engines/python/telemetry_job.py")),
    SPARK("spark", "Spark 4.2.0 Structured Streaming, local[2] (checkpoints; Kafka sink at least once)",
            Platform.SPARK, "dev.streaminglab.engines.spark.SparkJob", EngineArgs.AT_LEAST_ONCE, true,
            List.of("src/engines/spark/java/dev/streaminglab/engines/spark/SparkJob.java"));

    /** Where an engine's code and dependencies come from. */
    public enum Platform {
        KIT, FLINK, SPARK, PYTHON
    }

    static final Path PYTHON_BINARY = Path.of("/usr/bin/python3");
    /** Every JVM engine gets the same heap ceiling, so resident memory compares like with like. */
    static final String HEAP = "-Xmx1g";
    /** What Spark and Flink need opened on Java 17 (their documented lists, trimmed to what these jobs touch). */
    private static final List<String> OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action", "java.base/sun.util.calendar",
            "java.base/java.time", "java.base/java.text", "java.base/java.math", "java.base/jdk.internal.misc");

    public final String id;
    public final String label;
    public final Platform platform;
    /** A main class, or for Python the script's path in the checkout. */
    final String entry;
    /** The strongest guarantee the engine offers end to end with Kafka: what it runs under. */
    public final String guarantee;
    /** The job needs a state directory (the others keep state in Kafka topics). */
    final boolean stateDirectory;
    /** The job's own source files, for lines of code. */
    public final List<String> sources;

    Engine(String id, String label, Platform platform, String entry, String guarantee, boolean stateDirectory,
            List<String> sources) {
        this.id = id;
        this.label = label;
        this.platform = platform;
        this.entry = entry;
        this.guarantee = guarantee;
        this.stateDirectory = stateDirectory || platform == Platform.FLINK;
        this.sources = sources;
    }

    /** The command line that runs the job with these arguments. */
    List<String> command(EngineArgs args) {
        List<String> cmd = new ArrayList<>();
        if (platform == Platform.PYTHON) {
            cmd.addAll(List.of(PYTHON_BINARY.toString(), "-u", LabHome.requireCheckout().resolve(entry).toString()));
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-Djava.awt.headless=true", HEAP, "-Dstreaminglab.engine=" + args.id()));
            if (platform != Platform.KIT) {
                OPENS.forEach(o -> cmd.add("--add-opens=" + o + "=ALL-UNNAMED"));
            }
            cmd.addAll(List.of("-cp", platform == Platform.KIT ? RuntimeClasspath.get() : EngineBuild.classpath(this),
                    entry));
        }
        cmd.addAll(args.toArgs());
        return cmd;
    }

    public static Engine byId(String id) {
        for (Engine e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new LabException("unknown engine '" + id + "': use one of "
                + String.join(", ", Arrays.stream(values()).map(e -> e.id).toList()));
    }
}
