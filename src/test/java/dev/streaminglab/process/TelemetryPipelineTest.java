package dev.streaminglab.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.RecordKind;
import dev.streaminglab.ingest.Scenario;
import dev.streaminglab.kafka.HeaderText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline, every stage in one topology with the production Streams properties, fed the workshop
 * scenario of the generator: every record ends in exactly one place, as the scenario planned it.
 */
class TelemetryPipelineTest {
    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
    private static final Duration SPAN = Duration.ofMinutes(15);
    private static final Scenario SCENARIO = Scenario.workshop("ttd", 6, 2, START, SPAN, Duration.ofSeconds(30), 7);
    /** The pipeline's clock: the scenario has just been sent, as in a live run (its readings lie in the past). */
    private static final Instant NOW = START.plus(SPAN);

    @Test
    void everyScenarioRecordEndsWhereTheScenarioPlannedIt() {
        try (TopologyTestDriver d = TestDrivers.driver(TelemetryPipeline.buildTopology(), NOW)) {
            feed(d);
            Map<RecordKind, Long> planned = SCENARIO.counts();

            Map<String, Long> reasons = records(d, TopicNames.DEAD_LETTER).stream().collect(Collectors.groupingBy(
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON), TreeMap::new, Collectors.counting()));
            assertThat(reasons).isEqualTo(Map.of(DeadLetterReason.BAD_JSON.name(), 1L,
                    DeadLetterReason.MISSING_FIELD.name(), 1L, DeadLetterReason.OUT_OF_RANGE.name(), 1L,
                    DeadLetterReason.UNKNOWN_DEVICE.name(), 1L));

            long wellFormed = SCENARIO.records().size() - 4;
            assertThat(records(d, TopicNames.TELEMETRY_VALID)).hasSize((int) wellFormed + 1);
            assertThat(records(d, TopicNames.TELEMETRY_ENRICHED)).hasSize((int) wellFormed);

            Map<String, Long> late = records(d, TopicNames.LATE).stream().collect(Collectors.groupingBy(
                    r -> HeaderText.get(r.headers(), LateHeaders.AGGREGATE), TreeMap::new, Collectors.counting()));
            assertThat(planned.get(RecordKind.LATE)).isEqualTo(Scenario.LATE_READINGS);
            // The generator makes late readings late for the widest window too, so each is refused by all three.
            assertThat(late).isEqualTo(Map.of(LateHeaders.DEVICE_1M, 3L, LateHeaders.SITE_1M, 3L, LateHeaders.SITE_5M, 3L));

            List<Alert> alerts = records(d, TopicNames.ALERTS).stream()
                    .map(r -> Json.read(r.value(), Alert.class)).toList();
            // The overheating run: its first reading is an anomaly, its third a threshold breach; then the spike.
            String hot = SCENARIO.devices().get(0).deviceId();
            String spiking = SCENARIO.devices().get(5).deviceId();
            assertThat(alerts).extracting(a -> a.deviceId() + " " + a.type()).containsExactly(
                    hot + " ANOMALY", hot + " TEMPERATURE_HIGH", spiking + " ANOMALY");
        }
    }

    private static void feed(TopologyTestDriver d) {
        TestInputTopic<String, byte[]> devices = d.createInputTopic(TopicNames.DEVICES, new StringSerializer(),
                new ByteArraySerializer());
        for (Device device : SCENARIO.devices()) {
            devices.pipeInput(device.deviceId(), Json.bytes(device));
        }
        TestInputTopic<String, byte[]> raw = d.createInputTopic(TopicNames.TELEMETRY_RAW, new StringSerializer(),
                new ByteArraySerializer());
        for (OutgoingRecord r : SCENARIO.records()) {
            raw.pipeInput(new TestRecord<>(r.key(), r.value(), Instant.ofEpochMilli(r.clock())));
        }
    }

    private static List<TestRecord<String, byte[]>> records(TopologyTestDriver d, String topic) {
        return d.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    /**
     * The production deserialization handler is configured: the default one would fail the client on the first
     * unreadable record. (TopologyTestDriver drops the dead-letter record that handler builds, so where it lands is
     * asserted against real brokers, not here.)
     */
    @Test
    void aRecordThatFailsToDeserializeIsSkippedAndTheNextOneFlows() {
        try (TopologyTestDriver d = TestDrivers.driver(TelemetryPipeline.buildTopology(), NOW)) {
            Device device = SCENARIO.devices().get(0);
            d.createInputTopic(TopicNames.DEVICES, new StringSerializer(), new ByteArraySerializer())
                    .pipeInput(device.deviceId(), Json.bytes(device));
            TestInputTopic<String, byte[]> valid = d.createInputTopic(TopicNames.TELEMETRY_VALID,
                    new StringSerializer(), new ByteArraySerializer());
            valid.pipeInput(device.deviceId(), "not json".getBytes(StandardCharsets.UTF_8));
            valid.pipeInput(device.deviceId(), Json.bytes(new Reading(device.deviceId(), START.toEpochMilli(), 21.5,
                    40.0, null, null, 1L)));
            assertThat(records(d, TopicNames.TELEMETRY_ENRICHED)).extracting(TestRecord::key)
                    .containsExactly(device.deviceId());
        }
    }

    @Test
    void theTopicSetNamesEveryTopicTheTopologyTouches() {
        assertThat(TelemetryPipeline.sourceTopics("app", TopicSet.STANDARD)).containsExactly("app-by-site-repartition",
                TopicNames.TELEMETRY_ENRICHED, TopicNames.TELEMETRY_RAW, TopicNames.TELEMETRY_VALID);
    }

    /**
     * "3 partitions, up to 3 threads" holds per sub-topology: the pipeline's 4 sub-topologies make 12 tasks. A
     * repartition topic is sized like the largest input of the sub-topology writing it.
     */
    @Test
    void tasksAreCountedPerSubTopologyFromTheDescription() {
        var description = TelemetryPipeline.buildTopology().describe();
        TaskCount standard = TaskCount.of(description, t -> TopicSet.STANDARD.all().contains(t) ? 3 : -1);
        assertThat(standard.perSubtopology()).containsExactly(3, 3, 3, 3);
        assertThat(standard.toString()).isEqualTo("12 tasks (4 sub-topologies: 3 + 3 + 3 + 3)");
        TaskCount wider = TaskCount.of(description, t -> t.equals(TopicNames.TELEMETRY_ENRICHED) ? 5
                : TopicSet.STANDARD.all().contains(t) ? 3 : -1);
        assertThat(wider.perSubtopology()).containsExactly(3, 3, 5, 5);
        assertThat(TaskCount.of(RegistryCheck.buildTopology().describe(), t -> 1).total()).isEqualTo(1);
    }

    /** The operations view reads the live path's latency at this sink, by its name: it must exist and be the one. */
    @Test
    void theEnrichedReadingsLeaveThroughTheNamedSink() {
        List<TopologyDescription.Sink> sinks = TelemetryPipeline.buildTopology().describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream()).filter(n -> n instanceof TopologyDescription.Sink)
                .map(n -> (TopologyDescription.Sink) n).filter(n -> n.name().equals(Enrichment.ENRICHED_SINK)).toList();
        assertThat(sinks).singleElement().extracting(TopologyDescription.Sink::topic)
                .isEqualTo(TopicNames.TELEMETRY_ENRICHED);
    }
}
