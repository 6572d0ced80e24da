package dev.streaminglab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.ingest.Generator;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.GeneratorSummary;
import dev.streaminglab.ingest.RecordKind;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.process.TelemetryPipeline;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator and the pipeline together on a cluster of their own: 100,000 seeded readings with 1 % malformed
 * give exactly that many dead letters, reason by reason, the generator's late readings land in
 * {@code telemetry.late}, and the per-device windows count every other reading exactly once.
 */
class GeneratorToPipelineIT {
    private static final long COUNT = 100_000;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static LocalCluster cluster;
    private static KafkaConnection kafka;

    @BeforeAll
    static void start() {
        cluster = SharedCluster.startFresh(1, "e2e-cluster");
        kafka = KafkaConnection.of(cluster.runningState().orElseThrow().bootstrap());
    }

    @AfterAll
    static void stop() {
        cluster.stop(true);
    }

    @Test
    void everyGeneratedRecordIsCountedDeadLetteredOrRoutedLateExactlyOnce() throws Exception {
        GeneratorSummary sent = new Generator(kafka).synthetic(GeneratorSettings.defaults().withCount(COUNT)
                .withRate(GeneratorSettings.MAX_RATE).withDefects(0.05, 0.01, 0.01).withSeed(7));
        assertThat(sent.sent()).isEqualTo(COUNT);
        assertThat(sent.malformed()).isEqualTo(1_000);
        long late = sent.count(RecordKind.LATE);
        long counted = COUNT - sent.malformed() - late;

        PipelineOptions options = PipelineOptions.defaults().withApplicationId("generator-to-pipeline")
                .withStages(EnumSet.of(TelemetryPipeline.Stage.VALIDATION, TelemetryPipeline.Stage.ENRICHMENT,
                        TelemetryPipeline.Stage.AGGREGATES))
                .withInstance("1", Files.createTempDirectory("e2e-state"), 0);
        long t0 = System.nanoTime();
        try (PipelineInstance pipeline = PipelineInstance.start(kafka, options)) {
            pipeline.awaitRunning(WAIT);
            Map<String, Long> windows = new HashMap<>();
            Await.until(WAIT, () -> "per-device windows count " + windows.values().stream().mapToLong(Long::longValue).sum()
                    + " of " + counted + " readings", () -> {
                windows.clear();
                TopicReader.of(kafka, new StringDeserializer(), WindowStats.SERDE.deserializer())
                        .toEnd(TopicNames.AGGREGATES_DEVICE_1M, Duration.ofSeconds(30)).forEach(r ->
                        windows.put(r.value().key() + "@" + r.value().windowStart(), r.value().count()));
                return windows.values().stream().mapToLong(Long::longValue).sum() >= counted;
            });
            assertThat(windows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(counted);
            double seconds = (System.nanoTime() - t0) / 1e9;
            // A figure for the closing notes, not an assertion: throughput is for the benchmarks.
            System.out.printf("pipeline (exactly-once, 1 thread): %d readings from start to last window in %.1f s = "
                    + "%.0f records/s; generator sent them at %.0f records/s%n", COUNT, seconds, COUNT / seconds,
                    sent.ratePerSecond());

            Map<DeadLetterReason, Long> deadLetters = TopicReader.of(kafka, new StringDeserializer(), new ByteArrayDeserializer()).toEnd(TopicNames.DEAD_LETTER, Duration.ofSeconds(30)).stream().collect(Collectors.groupingBy(
                    r -> DeadLetterReason.valueOf(HeaderText.get(r.headers(), DeadLetterHeaders.REASON)),
                    () -> new EnumMap<>(DeadLetterReason.class), Collectors.counting()));
            assertThat(deadLetters).isEqualTo(sent.deadLetters());
            long lateForDevices = TopicReader.of(kafka, new StringDeserializer(), new ByteArrayDeserializer()).toEnd(TopicNames.LATE, Duration.ofSeconds(30)).stream()
                    .filter(r -> LateHeaders.DEVICE_1M.equals(HeaderText.get(r.headers(), LateHeaders.AGGREGATE))).count();
            assertThat(lateForDevices).isEqualTo(late);
        }
    }
}
