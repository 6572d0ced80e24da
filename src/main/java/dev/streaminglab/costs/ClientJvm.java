package dev.streaminglab.costs;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.JavaProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A measured client (Kafka's tools, the kit's producers, a Streams application, a plain passthrough) in a JVM of
 * its own, as {@code kafka-run-class.sh} starts Kafka's tools: the same heap and garbage-collector flags for every
 * side of a comparison, recorded with the results. The harness JVM only watches: its warm JIT and its own threads
 * never land on one side's figures.
 *
 * <p>The kit's measuring children stop when their standard input closes ({@link #stop}), so one that outlives an
 * interrupted harness stops with it; a program that does not read its input (Kafka's tools, the kit's own commands)
 * is started with {@link #startCommand} and ended with a signal, which runs its shutdown hooks.
 */
public final class ClientJvm implements AutoCloseable {
    /** {@code KAFKA_JVM_PERFORMANCE_OPTS} of Kafka 4.3's kafka-run-class.sh. */
    public static final List<String> KAFKA_GC_FLAGS = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /** The heap kafka-producer-perf-test.sh gives ProducerPerformance; producers and consumers get the same. */
    public static final String CLIENT_HEAP = "-Xmx512m";
    /** Streams applications hold record caches and RocksDB block caches besides the clients' buffers. */
    public static final String STREAMS_HEAP = "-Xmx1g";
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> flags;
    private final boolean endsOnInput;
    private final Thread killOnExit;

    private ClientJvm(String name, Process process, Path log, List<String> flags, boolean endsOnInput) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.flags = flags;
        this.endsOnInput = endsOnInput;
        // A harness stopped with Ctrl-C must not leave clients running against a cluster that is going away.
        this.killOnExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The flags a client of this heap gets: heap, then Kafka's garbage-collector flags. */
    public static List<String> flags(String heap, List<String> extra) {
        List<String> f = new ArrayList<>(List.of(heap));
        f.addAll(KAFKA_GC_FLAGS);
        f.addAll(extra);
        return List.copyOf(f);
    }

    /**
     * Starts {@code mainClass}, which stops when its standard input closes, with the kit's runtime classpath; its
     * output goes to {@code logDir/name.log}.
     */
    public static ClientJvm start(String name, List<String> flags, String mainClass, List<String> args, Path logDir) {
        return start(name, flags, mainClass, args, logDir, true);
    }

    /** As {@link #start}, for a program that runs until it is sent a signal (its shutdown hooks then run). */
    public static ClientJvm startCommand(String name, List<String> flags, String mainClass, List<String> args,
            Path logDir) {
        return start(name, flags, mainClass, args, logDir, false);
    }

    private static ClientJvm start(String name, List<String> flags, String mainClass, List<String> args, Path logDir,
            boolean endsOnInput) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new LabException("cannot create the log folder " + logDir + ": " + e.getMessage(), e);
        }
        Path log = logDir.resolve(name + ".log");
        return new ClientJvm(name, JavaProcess.start(flags, mainClass, args, log), log, flags, endsOnInput);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The JVM flags it was started with (headless and classpath aside), for the results. */
    public List<String> flags() {
        return flags;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the child to end by itself; fails, showing its log, when it did not or exited non-zero. */
    public void awaitExit(Duration timeout) {
        boolean ended;
        try {
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + name, e);
        }
        if (!ended) {
            kill();
            throw new LabException(name + " did not finish within " + timeout.toSeconds() + " s: see " + log);
        }
        if (process.exitValue() != 0) {
            throw failed("exited with " + process.exitValue());
        }
    }

    /** A failure that shows the end of the child's log, where its error is. */
    public LabException failed(String what) {
        return new LabException(name + " " + what + " (log " + log + "):\n" + tail());
    }

    /** Closes its standard input (the kit's children then close their clients and exit) and waits. */
    public void stop() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the child ended already
        }
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Ends the child now: SIGTERM (its shutdown hooks run), SIGKILL after 10 s. */
    public void kill() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of its output. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            if (endsOnInput) {
                stop();
            } else {
                kill();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }
}
