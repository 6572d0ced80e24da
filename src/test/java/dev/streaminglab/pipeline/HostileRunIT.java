package dev.streaminglab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.Generator;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.GeneratorSummary;
import dev.streaminglab.ingest.RecordKind;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.TopicReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generator's hostile input through the exactly-once pipeline (every stage): negative and far-future times,
 * duplicate sends and malformed registry rows on top of the usual malformed, out-of-order and late readings, with
 * event time keeping pace with the wall clock. The application must stay up the whole run (no ERROR, no stop), every
 * refused record must be in {@code telemetry.dlq} with its reason, exactly as many as the generator made, and the
 * per-device windows must count every other reading once.
 * <p>
 * A cluster of its own per run, so the counts hold only this run's records (the registry check reads the whole
 * registry, earlier runs' bad rows included). Both runs are {@code long}, for the default suite's budget: one
 * sends for a minute, one for ten.
 */
class HostileRunIT {
    private static final int RATE = 100;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Set<State> DOWN = Set.of(State.PENDING_ERROR, State.ERROR, State.PENDING_SHUTDOWN,
            State.NOT_RUNNING);
    @Test
    @Tag("long")
    void aMinuteOfHostileInput() throws Exception {
        run("hostile-1m", Duration.ofMinutes(1));
    }

    @Test
    @Tag("long")
    void tenMinutesOfHostileInput() throws Exception {
        run("hostile-10m", Duration.ofMinutes(10));
    }

    private static void run(String app, Duration duration) throws Exception {
        LocalCluster cluster = SharedCluster.startFresh(1, app + "-cluster");
        try {
            run(KafkaConnection.of(cluster.runningState().orElseThrow().bootstrap()), app, duration);
        } finally {
            cluster.stop(true);
        }
    }

    private static void run(KafkaConnection kafka, String app, Duration duration) throws Exception {
        DeviceRegistry registry = DeviceRegistry.lab(GeneratorSettings.LAB_DEVICES, DeviceRegistry.DEFAULT_SITES);
        // One reading per device per interval at RATE records/s: event time runs with the wall clock.
        GeneratorSettings settings = GeneratorSettings.defaults().withDuration(duration).withRate(RATE)
                .withInterval(Duration.ofMillis(1000L * registry.size() / RATE)).withDefects(0.05, 0.01, 0.01)
                .withHostile(0.02).withSeed(duration.toSeconds());
        PipelineOptions options = PipelineOptions.defaults().withApplicationId(app)
                .withInstance("1", Files.createTempDirectory(app), 0);
        try (PipelineInstance pipeline = PipelineInstance.start(kafka, options)) {
            pipeline.awaitRunning(WAIT);
            registry.publish(kafka);
            pipeline.awaitRegistry(registry.ids(), WAIT);
            PipelineProgress progress = PipelineProgress.mark(kafka, app);

            GeneratorSummary sent = new Generator(kafka).synthetic(settings);
            System.out.print("hostile run (" + duration.toMinutes() + " min): " + sent.text());
            assertThat(sent.failed()).isZero();
            assertThat(sent.hostile()).isPositive();

            Map<DeadLetterReason, Long> expected = sent.deadLetters();
            long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
            progress.awaitCaughtUp(WAIT);
            Map<DeadLetterReason, Long> actual = new EnumMap<>(DeadLetterReason.class);
            Await.until(WAIT, () -> "dead letters " + actual + " to reach " + expected, () -> {
                actual.clear();
                actual.putAll(byReason(TopicReader.of(kafka, new StringDeserializer(), new StringDeserializer())
                        .toEnd(TopicNames.DEAD_LETTER, WAIT)));
                return actual.values().stream().mapToLong(Long::longValue).sum() >= expectedTotal;
            });
            System.out.println("  dead letters by reason: " + actual + " (the generator planned " + expected + ")");
            assertThat(actual).isEqualTo(expected);

            long counted = sent.count(RecordKind.VALID) + sent.count(RecordKind.OUT_OF_ORDER);
            Map<String, Long> windows = new HashMap<>();
            Await.until(WAIT, () -> "per-device windows to count " + counted + " readings", () -> {
                windows.clear();
                TopicReader.of(kafka, new StringDeserializer(), WindowStats.SERDE.deserializer())
                        .toEnd(TopicNames.AGGREGATES_DEVICE_1M, WAIT).forEach(r ->
                                windows.put(r.value().key() + "@" + r.value().windowStart(), r.value().count()));
                return windows.values().stream().mapToLong(Long::longValue).sum() >= counted;
            });
            assertThat(windows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(counted);
            long lateForDevices = TopicReader.bytes(kafka).toEnd(TopicNames.LATE, WAIT).stream()
                    .filter(r -> LateHeaders.DEVICE_1M.equals(HeaderText.get(r.headers(), LateHeaders.AGGREGATE)))
                    .count();
            assertThat(lateForDevices).isEqualTo(sent.count(RecordKind.LATE));

            for (StreamsRunner r : pipeline.runners()) {
                assertThat(r.transitions()).as("state changes of %s", r.streams()).noneMatch(t -> DOWN.contains(t.to()));
                assertThat(r.error()).isEmpty();
                assertThat(r.streams().state()).isEqualTo(State.RUNNING);
            }
            System.out.printf("  RUNNING throughout: %s; %d readings in per-device windows, %d late for them%n",
                    pipeline.runners().stream().map(r -> r.transitions().stream().map(t -> t.to().name())
                            .collect(Collectors.joining(">"))).toList(), counted, lateForDevices);
        }
    }

    private static Map<DeadLetterReason, Long> byReason(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(r -> DeadLetterReason.valueOf(
                HeaderText.get(r.headers(), DeadLetterHeaders.REASON)), () -> new EnumMap<>(DeadLetterReason.class),
                Collectors.counting()));
    }
}
