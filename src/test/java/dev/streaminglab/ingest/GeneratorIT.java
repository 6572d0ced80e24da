package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The generator against a real broker: what the summary claims is exactly what the topics hold. */
class GeneratorIT {
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);
    private final KafkaConnection kafka = SharedCluster.connection();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String raw = "telemetry.raw.it-" + run;
    private final String devices = "devices.it-" + run;

    @Test
    void syntheticRunLandsExactlyAsSummarised() {
        var settings = GeneratorSettings.defaults().withCount(20_000).withRate(GeneratorSettings.MAX_RATE)
                .withDefects(0.05, 0.01, 0.02).withSeed(11).withStart(Instant.parse("2026-01-05T08:00:00Z"))
                .withTopics(raw, devices);
        GeneratorSummary summary = new Generator(kafka).synthetic(settings);

        assertThat(summary.sent()).isEqualTo(20_000);
        assertThat(summary.failed()).isZero();
        assertThat(summary.malformed()).isEqualTo(400);
        assertThat(summary.count(RecordKind.LATE)).isEqualTo(200);

        Map<String, Device> registry = new HashMap<>();
        readAll(devices).forEach(r -> registry.put(r.key(), Device.SERDE.deserializer().deserialize(devices, r.value())));
        assertThat(registry.keySet()).isEqualTo(Set.copyOf(DeviceRegistry.lab(54, 3).ids()));

        List<ConsumerRecord<String, byte[]>> records = readAll(raw);
        assertThat(records).hasSize(20_000);
        Map<DeadLetterReason, Long> verdicts = new EnumMap<>(DeadLetterReason.class);
        records.forEach(r -> RawRecords.verdict(r.value(), registry.keySet()).ifPresent(v -> verdicts.merge(v, 1L, Long::sum)));
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(DeadLetterReason.BAD_JSON, 100L,
                DeadLetterReason.MISSING_FIELD, 100L, DeadLetterReason.OUT_OF_RANGE, 100L,
                DeadLetterReason.UNKNOWN_DEVICE, 100L));
        assertThat(summary.deadLetters()).isEqualTo(verdicts);
    }

    @Test
    void topicsAreCreatedWithThePipelinesPartitionsAndACompactedRegistry() {
        new Generator(kafka).synthetic(GeneratorSettings.defaults().withCount(10).withRate(GeneratorSettings.MAX_RATE)
                .withTopics(raw, devices));
        try (var admin = kafka.admin()) {
            var described = KafkaFutures.await(admin.describeTopics(List.of(raw, devices)).allTopicNames(), "describing");
            assertThat(described.get(raw).partitions()).hasSize(TopicSet.PARTITIONS);
            assertThat(described.get(devices).partitions()).hasSize(TopicSet.DEVICE_PARTITIONS);
            var config = KafkaFutures.await(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    devices))).all(), "describing configs");
            assertThat(config.values().iterator().next().get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void replayAtMaxSpeedSendsEveryRowOfTheRealFile() {
        AirQualityReplay data = AirQualityReplay.load();
        GeneratorSummary summary = new Generator(kafka).replay(data, Generator.MAX_SPEEDUP, raw, devices);
        assertThat(summary.sent()).isEqualTo(9_471);
        assertThat(summary.deadLetters()).containsEntry(DeadLetterReason.OUT_OF_RANGE, 366L)
                .containsEntry(DeadLetterReason.MISSING_FIELD, 114L);

        List<ConsumerRecord<String, byte[]>> records = readAll(raw);
        assertThat(records).hasSize(9_471);
        Map<DeadLetterReason, Long> verdicts = records.stream()
                .flatMap(r -> RawRecords.verdict(r.value(), Set.of("airquality-1")).stream())
                .collect(Collectors.groupingBy(v -> v, () -> new EnumMap<>(DeadLetterReason.class), Collectors.counting()));
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(DeadLetterReason.OUT_OF_RANGE, 366L,
                DeadLetterReason.MISSING_FIELD, 114L));
        assertThat(readAll(devices)).extracting(ConsumerRecord::key).containsExactly("airquality-1");
    }

    @Test
    void theScriptPrintsTheExactSummary() {
        ProcessRun r = ProcessRun.jbang(Duration.ofMinutes(3), "Generate.java", "--count", "2000", "--rate", "max",
                "--no-progress", "--bootstrap", kafka.bootstrap(), "--topic", raw, "--devices-topic", devices);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("2,000 sent, 0 failed").contains(
                "valid 1,860, out-of-order 100, late 20, malformed 20 {BAD_JSON=5, MISSING_FIELD=5, OUT_OF_RANGE=5, "
                        + "UNKNOWN_DEVICE=5}; registry 54 devices");
        assertThat(endOffsets(raw)).isEqualTo(2_000);
    }

    @Test
    void stopEndsARunCleanlyAndTheSummaryMatchesTheTopic() {
        var generator = new Generator(kafka);
        var settings = GeneratorSettings.defaults().withCount(1_000_000).withRate(500).withTopics(raw, devices);
        CompletableFuture<GeneratorSummary> running = CompletableFuture.supplyAsync(() -> generator.synthetic(settings));
        Await.until(READ_DEADLINE, "the first 100 records", () -> endOffsets(raw) >= 100 || running.isDone());
        generator.stop();
        GeneratorSummary summary = running.join();
        assertThat(summary.interrupted()).isTrue();
        assertThat(summary.sent()).isBetween(100L, 999_999L);
        assertThat(summary.failed()).isZero();
        assertThat(endOffsets(raw)).isEqualTo(summary.sent());
    }

    private long endOffsets(String topic) {
        try (var admin = kafka.admin()) {
            return Topics.list(admin).contains(topic) ? TopicReader.endOffsetSum(kafka, topic) : 0;
        }
    }

    /** Every record of the topic, to its end. */
    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.of(kafka, new StringDeserializer(), new ByteArrayDeserializer()).uncommitted()
                .toEnd(topic, READ_DEADLINE);
    }
}
