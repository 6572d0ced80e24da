package dev.streaminglab.pipeline;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.JavaProcess;
import dev.streaminglab.cluster.MetricsAgent;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * One pipeline instance in a JVM of its own ({@code PipelineCommand}, as {@code Pipeline.java} runs it), with the
 * Prometheus JMX exporter attached: the demo runs the pipeline this way so that its Streams metrics can be
 * scraped, and the fault experiments so that an instance can be killed with SIGKILL as a crash would.
 */
public final class PipelineProcess implements AutoCloseable {
    static final String HEAP = "-Xmx512m";
    private static final String READY = "RUNNING on";
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final Process process;
    private final Path log;
    private final int metricsPort;

    private PipelineProcess(Process process, Path log, int metricsPort) {
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
    }

    /**
     * Starts the instance; {@code o.overrides()} go to its client properties file (with the connection's own),
     * its output to {@code dir/pipeline.log}. Returns at once: see {@link #awaitRunning}.
     */
    public static PipelineProcess start(KafkaConnection kafka, PipelineOptions o, int metricsPort, Path dir) {
        try {
            Files.createDirectories(dir);
            Path clientConfig = dir.resolve("client.properties");
            Properties p = new Properties();
            p.putAll(kafka.clientProperties());
            o.overrides().forEach((k, v) -> p.put(k, String.valueOf(v)));
            try (Writer w = Files.newBufferedWriter(clientConfig)) {
                p.store(w, "client properties of pipeline instance " + o.instanceId());
            }
            List<String> args = new ArrayList<>(List.of("--bootstrap", kafka.bootstrap(), "--client-config",
                    clientConfig.toString(), "--application-id", o.applicationId(), "--instance-id", o.instanceId(),
                    "--state-dir", o.stateDir().toAbsolutePath().toString(), "--http-port", Integer.toString(o.httpPort()),
                    "--guarantee", o.guarantee().config, "--threads", Integer.toString(o.threads()),
                    "--only", o.stages().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(","))));
            Path log = dir.resolve("pipeline.log");
            Process process = JavaProcess.start(List.of(HEAP, "-Dstreaminglab.pipeline=" + dir,
                    MetricsAgent.jvmOption("127.0.0.1", metricsPort, dir)), PipelineCommand.class.getName(), args, log);
            return new PipelineProcess(process, log, metricsPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the instance printed that it is RUNNING, or fails with the end of its log. */
    public PipelineProcess awaitRunning(Duration timeout) {
        Await.until(timeout, () -> "the pipeline in its own JVM to be RUNNING; end of " + log + ":\n" + tail(), () -> {
            if (!process.isAlive()) {
                throw new LabException("the pipeline exited with code " + process.exitValue() + "; end of " + log
                        + ":\n" + tail());
            }
            return logText().contains(READY);
        });
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public int metricsPort() {
        return metricsPort;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash: no commit, no goodbye to the group. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    /** SIGTERM: the instance's shutdown hook commits and closes its stores. */
    @Override
    public void close() {
        if (process.isAlive()) {
            JavaProcess.stop(process.toHandle(), STOP_GRACE);
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
