package dev.streaminglab.connect;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.JavaProcess;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Kafka Connect worker as its own JVM, started from the kit's classpath (Kafka's connect-runtime from Maven
 * Central, plus the kit's own connector and transform) with the plugin folder {@code .work/connect-plugins} for
 * the Debezium JDBC sink. The REST API listens on 127.0.0.1 only.
 *
 * <p>Standalone mode keeps offsets in a local file: one worker, for the demo. Distributed mode keeps configs,
 * offsets and status in Kafka topics, and workers with the same {@code group.id} share the connectors' tasks:
 * when one dies, the others take its tasks over.
 */
public final class ConnectWorker {
    public enum Mode { STANDALONE, DISTRIBUTED }

    public static final String GROUP_ID = "streaminglab-connect";
    public static final String CONFIG_TOPIC = "connect-configs";
    public static final String OFFSET_TOPIC = "connect-offsets";
    public static final String STATUS_TOPIC = "connect-status";
    static final String HEAP = "-Xmx512m";
    /**
     * How long the group waits for a lost worker to come back before moving its tasks (Connect's default is 5
     * minutes, made for rolling restarts; a lab wants to see the failover).
     */
    static final Duration REBALANCE_DELAY = Duration.ofSeconds(5);
    /** A killed worker is noticed after this long without heartbeats. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String MARKER = "-Dstreaminglab.connect=";

    private final int id;
    private final Mode mode;
    private final int restPort;
    private final Path dir;
    private final KafkaConnection kafka;
    private final Path pluginPath;

    public ConnectWorker(int id, Mode mode, int restPort, Path dir, KafkaConnection kafka, Path pluginPath) {
        this.id = id;
        this.mode = mode;
        this.restPort = restPort;
        this.dir = dir.toAbsolutePath().normalize();
        this.kafka = kafka;
        this.pluginPath = pluginPath;
    }

    public int id() {
        return id;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public ConnectRest rest() {
        return new ConnectRest(restUrl());
    }

    public Path logFile() {
        return dir.resolve("connect.log");
    }

    private Path pidFile() {
        return dir.resolve("worker.pid");
    }

    public Optional<ProcessHandle> process() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts the worker unless it runs, then waits until its REST API answers (and it has joined its group). */
    public void start(Duration timeout) {
        if (process().isPresent()) {
            return;
        }
        if (!Files.isDirectory(pluginPath)) {
            throw new LabException("the Connect plugins are not installed in " + pluginPath + ": run './lab setup'");
        }
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("worker.properties");
            try (var w = Files.newBufferedWriter(config)) {
                workerConfig().store(w, "Connect worker " + id + " (" + mode + "), written by the Kafka Streaming Lab");
            }
            Files.writeString(dir.resolve("log4j2.properties"), log4jConfig());
            String main = mode == Mode.STANDALONE ? "org.apache.kafka.connect.cli.ConnectStandalone"
                    : "org.apache.kafka.connect.cli.ConnectDistributed";
            Process p = JavaProcess.start(List.of(HEAP, "-Xms128m", MARKER + dir,
                            "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties")),
                    main, List.of(config.toString()), dir.resolve("stdout.log"));
            Files.writeString(pidFile(), Long.toString(p.pid()));
            awaitReady(p, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Process p, Duration timeout) {
        ConnectRest rest = rest();
        boolean ready = Await.within(timeout, () -> {
            if (!p.isAlive()) {
                throw new LabException("Connect worker " + id + " exited during start-up: see " + logFile()
                        + " and " + dir.resolve("stdout.log"));
            }
            return rest.ready();
        });
        if (!ready) {
            p.destroyForcibly();
            throw new LabException("Connect worker " + id + " did not answer on " + restUrl() + " within "
                    + timeout.toSeconds() + " s: see " + logFile());
        }
    }

    /** Graceful stop: tasks commit their offsets and leave the group. */
    public void stop() {
        process().ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception timeoutOrInterrupt) {
                h.destroyForcibly();
                h.onExit().join();
            }
        });
    }

    /** SIGKILL, as a crash: no offset commit, no goodbye to the group. */
    public void kill() {
        process().ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    Properties workerConfig() {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put("bootstrap.servers", kafka.bootstrap());
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", Integer.toString(restPort));
        p.put("plugin.path", pluginPath.toString());
        // Plugins are found through their ServiceLoader manifests (the kit's in src/main/resources/META-INF/services):
        // the default, a reflective scan of the whole classpath, took over a minute per worker start here.
        p.put("plugin.discovery", "service_load");
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter.schemas.enable", "false");
        // Sinks notice a topic created after them within seconds, not after the consumer's default 5 minutes.
        p.put("consumer.metadata.max.age.ms", "10000");
        // Commit source offsets and sink positions every second: less to redo after a crash.
        p.put("offset.flush.interval.ms", "1000");
        if (mode == Mode.STANDALONE) {
            p.put("offset.storage.file.filename", dir.resolve("offsets.dat").toString());
        } else {
            p.put("group.id", GROUP_ID);
            p.put("config.storage.topic", CONFIG_TOPIC);
            p.put("offset.storage.topic", OFFSET_TOPIC);
            p.put("status.storage.topic", STATUS_TOPIC);
            // -1: the brokers' default, 1 on a 1-node cluster and 3 on three nodes.
            p.put("config.storage.replication.factor", "-1");
            p.put("offset.storage.replication.factor", "-1");
            p.put("status.storage.replication.factor", "-1");
            p.put("scheduled.rebalance.max.delay.ms", Long.toString(REBALANCE_DELAY.toMillis()));
            p.put("session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
            p.put("heartbeat.interval.ms", Long.toString(SESSION_TIMEOUT.toMillis() / 4));
        }
        return p;
    }

    private String log4jConfig() {
        return String.join("\n",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + logFile(),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                // Connect's error reporter logs each failed record here (errors.log.enable=true).
                "logger.errors.name = org.apache.kafka.connect.runtime.errors",
                "logger.errors.level = INFO",
                "logger.reflections.name = org.reflections",
                "logger.reflections.level = ERROR",
                "logger.hibernate.name = org.hibernate",
                "logger.hibernate.level = WARN",
                "");
    }

    private boolean isOurs(ProcessHandle h) {
        return h.info().arguments().map(args -> Stream.of(args).anyMatch(a -> a.equals(MARKER + dir)))
                .orElse(h.info().commandLine().map(c -> c.contains(MARKER + dir)).orElse(true));
    }
}
