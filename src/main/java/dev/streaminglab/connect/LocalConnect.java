package dev.streaminglab.connect;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * The kit's Kafka Connect: one standalone worker, or several distributed workers in one group, under one folder
 * ({@code .work/connect/worker-N}). Worker {@code i} (from 1) serves REST on {@code restPort + i - 1}.
 */
public final class LocalConnect {
    public static final int DEFAULT_REST_PORT = 8083;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);
    private static final String MODE_FILE = "mode";

    private final Path dir;
    private final int restPort;
    private final KafkaConnection kafka;

    public LocalConnect(Path dir, int restPort, KafkaConnection kafka) {
        this.dir = dir.toAbsolutePath().normalize();
        this.restPort = restPort;
        this.kafka = kafka;
    }

    public static LocalConnect defaultConnect(KafkaConnection kafka) {
        return new LocalConnect(LabHome.workDir().resolve("connect"), DEFAULT_REST_PORT, kafka);
    }

    /** Third-party connectors (the Debezium JDBC sink), installed by {@code ./lab setup}. */
    public static Path pluginPath() {
        return LabHome.workDir().resolve("connect-plugins");
    }

    public ConnectWorker worker(int id) {
        return new ConnectWorker(id, mode(), restPort + id - 1, dir.resolve("worker-" + id), kafka, pluginPath());
    }

    private ConnectWorker worker(int id, ConnectWorker.Mode mode) {
        return new ConnectWorker(id, mode, restPort + id - 1, dir.resolve("worker-" + id), kafka, pluginPath());
    }

    /** The mode of the last start (standalone when never started). */
    public ConnectWorker.Mode mode() {
        try {
            return ConnectWorker.Mode.valueOf(Files.readString(dir.resolve(MODE_FILE)).strip());
        } catch (IOException | IllegalArgumentException e) {
            return ConnectWorker.Mode.STANDALONE;
        }
    }

    /** Starts {@code workers} workers (1 in standalone mode) in parallel and waits for all of them. */
    public List<ConnectWorker> start(ConnectWorker.Mode mode, int workers, Duration timeout) {
        if (mode == ConnectWorker.Mode.STANDALONE && workers != 1) {
            throw new LabException("standalone mode runs exactly one worker: use --mode distributed for " + workers);
        }
        if (!running().isEmpty() && mode() != mode) {
            throw new LabException("Connect already runs in " + mode() + " mode: stop it first ('Connect.java stop')");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MODE_FILE), mode.name());
        } catch (IOException e) {
            throw new LabException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
        List<ConnectWorker> all = IntStream.rangeClosed(1, workers).mapToObj(i -> worker(i, mode)).toList();
        List<Thread> starting = new ArrayList<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        for (ConnectWorker w : all) {
            Thread t = new Thread(() -> {
                try {
                    w.start(timeout);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "start-connect-" + w.id());
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while starting Connect", e);
            }
        }
        if (!failures.isEmpty()) {
            stop(false);
            throw failures.get(0);
        }
        return all;
    }

    /** Workers whose process is alive, by id. */
    public List<ConnectWorker> running() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("worker-\\d+"))
                    .map(n -> worker(Integer.parseInt(n.substring("worker-".length()))))
                    .filter(w -> w.process().isPresent())
                    .sorted(Comparator.comparingInt(ConnectWorker::id)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The REST API of the first running worker (any worker forwards requests to the group's leader). */
    public ConnectRest rest() {
        return running().stream().findFirst().map(ConnectWorker::rest).orElseThrow(() -> new LabException(
                "no Connect worker is running from " + dir + ": start one with "
                        + "'./lab jbang run jbang-scripts/Connect.java start'"));
    }

    /** Stops every worker; returns the ids stopped. {@code wipe} deletes their folders (standalone offsets too). */
    public List<Integer> stop(boolean wipe) {
        List<Integer> stopped = new ArrayList<>();
        for (ConnectWorker w : running()) {
            w.stop();
            stopped.add(w.id());
        }
        if (wipe) {
            try {
                FileUtils.deleteDirectory(dir.toFile());
            } catch (IOException e) {
                throw new LabException("cannot delete " + dir + ": " + e.getMessage(), e);
            }
        }
        return stopped;
    }
}
