package dev.streaminglab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.process.StatsAccumulator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a crash: the pipeline runs in its own JVM (as {@code Pipeline.java} would), is killed
 * with SIGKILL in the middle of the run, and restarted on the same state folder. The final per-device
 * aggregates must then be exactly those recomputed from the input: none missing, none twice.
 * <p>
 * It uses a cluster of its own, not the shared one: every topic must hold only this test's records from
 * offset 0, since other tests' readings would move the stream time that decides when windows close.
 */
class ExactlyOnceRestartIT {
    private static final String APP = "eos-restart";
    private static final int DEVICES = 6;
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final int STEPS = 48; // 8 minutes: 8 one-minute windows per device
    /**
     * Event times of the last hour: the window stores' changelogs keep the event time as record timestamp, and
     * a fixed date in the past would let the broker's retention check delete state between kill and restore.
     */
    private static final long BASE = Instant.now().truncatedTo(ChronoUnit.HOURS)
            .minus(Duration.ofHours(1)).toEpochMilli();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalCluster cluster;
    private static KafkaConnection kafka;

    @BeforeAll
    static void startCluster() {
        cluster = SharedCluster.startFresh(1, "eos-cluster");
        kafka = KafkaConnection.of(cluster.runningState().orElseThrow().bootstrap());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop(true);
        }
    }

    @Test
    void killedInstanceRestartsWithoutDuplicatesOrGaps() throws Exception {
        List<Device> devices = DeviceRegistry.lab(DEVICES, 2).withIdPrefix("eos-").devices();
        List<Reading> readings = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            for (int i = 0; i < DEVICES; i++) {
                readings.add(new Reading(devices.get(i).deviceId(), BASE + step * STEP.toMillis(),
                        20 + (step % 7) * 0.5 + i, 40.0 + step % 5, null, null, (long) step));
            }
        }
        Path work = Files.createTempDirectory(ProcessRun.HOME.resolve("target"), "eos-");
        Path stateDir = work.resolve("state");

        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            try (var admin = kafka.admin()) {
                Topics.ensureAll(admin, TopicSet.STANDARD.specs());
            }
            // The registry first: a global table is fully loaded before the first reading is processed.
            devices.forEach(d -> producer.send(new ProducerRecord<>(TopicNames.DEVICES, d.deviceId(), Json.bytes(d))));
            producer.flush();
            Process first = startPipeline(stateDir, work.resolve("first.log"));
            awaitRunning(work.resolve("first.log"), first);
            send(producer, readings.subList(0, readings.size() / 2));

            Await.until(WAIT, () -> "no final aggregate before the kill",
                    () -> !finals().isEmpty());
            first.destroyForcibly().waitFor();

            // While it is down, the rest of the input arrives.
            send(producer, readings.subList(readings.size() / 2, readings.size()));
            Process second = startPipeline(stateDir, work.resolve("second.log"));
            try {
                awaitRunning(work.resolve("second.log"), second);
                // Far later readings move every partition's stream time past the last data window + grace.
                long flushTime = BASE + STEPS * STEP.toMillis() + Duration.ofMinutes(10).toMillis();
                send(producer, devices.stream().map(d -> new Reading(d.deviceId(), flushTime, 20.0, 40.0, null, null,
                        999L)).toList());

                Map<String, WindowStats> expected = recompute(readings, devices);
                assertThat(expected).hasSize(DEVICES * STEPS * (int) STEP.toMillis() / 60_000);
                Await.until(WAIT, () -> finals().size() + " of " + expected.size() + " final aggregates",
                        () -> finals().size() >= expected.size());
                List<WindowStats> actual = finals();
                assertThat(new HashSet<>(actual)).as("no duplicates").hasSameSizeAs(actual);
                Map<String, WindowStats> byWindow = new TreeMap<>();
                actual.forEach(s -> byWindow.put(s.key() + "@" + s.windowStart(), s));
                assertThat(byWindow).isEqualTo(expected);
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<Reading> readings) {
        readings.forEach(r -> producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, r.deviceId(), Json.bytes(r))));
        producer.flush();
    }

    private static List<WindowStats> finals() {
        List<ConsumerRecord<String, String>> records = TopicReader.of(kafka, new StringDeserializer(), new StringDeserializer()).toEnd(TopicNames.AGGREGATES_DEVICE_1M_FINAL, Duration.ofSeconds(30));
        List<WindowStats> out = new ArrayList<>();
        for (var r : records) {
            out.add(WindowStats.SERDE.deserializer().deserialize(r.topic(), r.value().getBytes()));
        }
        return out;
    }

    /** The final aggregates from first principles: readings per device and minute, summed in input order. */
    private static Map<String, WindowStats> recompute(List<Reading> readings, List<Device> devices) {
        Map<String, StatsAccumulator> acc = new TreeMap<>();
        Map<String, Device> byId = new TreeMap<>();
        devices.forEach(d -> byId.put(d.deviceId(), d));
        for (Reading r : readings) {
            long start = r.timestamp() - r.timestamp() % 60_000;
            String key = r.deviceId() + "@" + start;
            acc.put(key, acc.getOrDefault(key, StatsAccumulator.empty()).add(EnrichedReading.of(r, byId.get(r.deviceId()))));
        }
        Map<String, WindowStats> out = new TreeMap<>();
        acc.forEach((k, a) -> {
            String device = k.substring(0, k.indexOf('@'));
            long start = Long.parseLong(k.substring(k.indexOf('@') + 1));
            out.put(k, a.toStats(device, start, start + 60_000));
        });
        return out;
    }

    private static Process startPipeline(Path stateDir, Path log) throws IOException {
        Path clientConfig = stateDir.resolveSibling("client.properties");
        // A killed member is noticed after the session timeout; the broker's minimum keeps the restart short.
        Files.writeString(clientConfig, "session.timeout.ms=6000\n");
        String classpath = ProcessRun.HOME.resolve("target/classes") + File.pathSeparator
                + Files.readString(ProcessRun.HOME.resolve("target/runtime-classpath.txt")).strip();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, PipelineCommand.class.getName(),
                "--bootstrap", kafka.bootstrap(), "--client-config", clientConfig.toString(),
                "--application-id", APP, "--instance-id", "1", "--state-dir", stateDir.toString(),
                "--http-port", "0", "--only", "validation,enrichment,aggregates", "--guarantee", "exactly_once_v2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitRunning(Path log, Process p) {
        Await.until(WAIT, () -> "pipeline not RUNNING; log:\n" + read(log),
                () -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("pipeline exited with " + p.exitValue() + ":\n" + read(log));
                    }
                    return read(log).contains("RUNNING on");
                });
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
