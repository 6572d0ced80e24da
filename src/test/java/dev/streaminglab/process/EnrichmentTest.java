package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.device;
import static dev.streaminglab.process.TestDrivers.reading;
import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class EnrichmentTest {
    @Test
    void joinsTheRegistryFollowsItsChangesAndDeadLettersUnknownDevices() {
        try (TopologyTestDriver d = TestDrivers.driver(Enrichment.buildTopology())) {
            var devices = d.createInputTopic(TopicNames.DEVICES, Serdes.String().serializer(), Device.SERDE.serializer());
            var valid = d.createInputTopic(TopicNames.TELEMETRY_VALID, Serdes.String().serializer(),
                    Reading.SERDE.serializer());
            var enriched = d.createOutputTopic(TopicNames.TELEMETRY_ENRICHED, Serdes.String().deserializer(),
                    EnrichedReading.SERDE.deserializer());
            var dlq = d.createOutputTopic(TopicNames.DEAD_LETTER, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());

            devices.pipeInput("d1", device("d1", "lab-a"));
            Reading r1 = reading("d1", sec(1), 21, 40);
            valid.pipeInput("d1", r1);
            // The registry row changes while the application runs: the next reading sees the new one.
            Device moved = new Device("d1", "lab-b", "annex", "mica2dot", 3, 4, 5, 25, 70);
            devices.pipeInput("d1", moved);
            Reading r2 = reading("d1", sec(2), 22, 41);
            valid.pipeInput("d1", r2);
            Reading stranger = reading("d9", sec(3), 23, 42);
            valid.pipeInput("d9", stranger);
            devices.pipeInput("d1", null);
            Reading r3 = reading("d1", sec(4), 24, 43);
            valid.pipeInput("d1", r3);

            List<TestRecord<String, EnrichedReading>> out = enriched.readRecordsToList();
            assertThat(out).extracting(TestRecord::value).containsExactly(
                    EnrichedReading.of(r1, device("d1", "lab-a")), EnrichedReading.of(r2, moved));
            assertThat(out.get(1).value().site()).isEqualTo("lab-b");
            assertThat(out.get(1).value().tempMaxC()).isEqualTo(25);
            assertThat(out.get(0).timestamp()).isEqualTo(sec(1));

            List<TestRecord<String, byte[]>> refused = dlq.readRecordsToList();
            assertThat(refused).extracting(TestRecord::key).containsExactly("d9", "d1");
            assertThat(refused.get(0).value()).isEqualTo(Json.bytes(stranger));
            assertThat(refused).allSatisfy(r -> {
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_DEVICE");
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.STAGE)).isEqualTo("enrichment");
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TopicNames.TELEMETRY_VALID);
            });
            assertThat(HeaderText.get(refused.get(0).headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("2");
            assertThat(HeaderText.get(refused.get(1).headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("3");
        }
    }

    /**
     * A reading sent twice (same device, seq and event time) is enriched once; the copies are DUPLICATE dead letters
     * naming where the first copy was read. A device that restarted its seq sends new times: not duplicates.
     */
    @Test
    void repeatedReadingsAreDeadLetteredAsDuplicates() {
        try (TopologyTestDriver d = TestDrivers.driver(Enrichment.buildTopology())) {
            d.createInputTopic(TopicNames.DEVICES, Serdes.String().serializer(), Device.SERDE.serializer())
                    .pipeInput("d1", device("d1", "lab-a"));
            var valid = d.createInputTopic(TopicNames.TELEMETRY_VALID, Serdes.String().serializer(),
                    Reading.SERDE.serializer());
            Reading first = new Reading("d1", sec(1), 21.0, 40.0, null, null, 1L);
            Reading second = new Reading("d1", sec(2), 22.0, 40.0, null, null, 2L);
            Reading rebooted = new Reading("d1", sec(90), 23.0, 40.0, null, null, 1L);
            for (Reading r : List.of(first, first, second, first, rebooted, second)) {
                valid.pipeInput("d1", r, r.timestamp());
            }
            assertThat(d.createOutputTopic(TopicNames.TELEMETRY_ENRICHED, Serdes.String().deserializer(),
                    EnrichedReading.SERDE.deserializer()).readValuesToList()).extracting(EnrichedReading::seq,
                    EnrichedReading::timestamp).containsExactly(tuple(1L, sec(1)), tuple(2L, sec(2)), tuple(1L, sec(90)));
            List<TestRecord<String, byte[]>> dlq = d.createOutputTopic(TopicNames.DEAD_LETTER,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
            assertThat(dlq).extracting(r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON))
                    .containsExactly("DUPLICATE", "DUPLICATE", "DUPLICATE");
            assertThat(dlq).extracting(TestRecord::value).containsExactly(Json.bytes(first), Json.bytes(first),
                    Json.bytes(second));
            assertThat(HeaderText.get(dlq.get(0).headers(), DeadLetterHeaders.DETAIL)).isEqualTo("seq 1 of d1 at "
                    + Instant.ofEpochMilli(sec(1)) + " was already processed (first copy read at telemetry.valid-0@0)");
            assertThat(dlq).extracting(r -> HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                    .containsExactly("1", "3", "5");
        }
    }

    /**
     * A registry row without thresholds must not become thresholds of 0.0 (every reading would breach them): it is
     * left out, and the device keeps its last good row; a device whose only row is bad stays unknown.
     */
    @Test
    void badRegistryRowsAreLeftOutAndTheDeviceKeepsItsLastGoodRow() {
        try (TopologyTestDriver d = TestDrivers.driver(Enrichment.buildTopology())) {
            var devices = d.createInputTopic(TopicNames.DEVICES, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            var valid = d.createInputTopic(TopicNames.TELEMETRY_VALID, Serdes.String().serializer(),
                    Reading.SERDE.serializer());
            devices.pipeInput("d1", Json.bytes(device("d1", "lab-a")));
            devices.pipeInput("d1", "{\"deviceId\":\"d1\",\"site\":\"lab-b\"}".getBytes(StandardCharsets.UTF_8));
            devices.pipeInput("d2", "{\"deviceId\":\"d2\",\"site\":\"lab-b\"}".getBytes(StandardCharsets.UTF_8));
            valid.pipeInput("d1", reading("d1", sec(1), 21, 40));
            valid.pipeInput("d2", reading("d2", sec(2), 21, 40));
            devices.pipeInput("d1", "d1,lab-b,annex".getBytes(StandardCharsets.UTF_8));
            valid.pipeInput("d1", new Reading("d1", sec(3), 22.0, 40.0, null, null, 2L));

            List<EnrichedReading> out = d.createOutputTopic(TopicNames.TELEMETRY_ENRICHED,
                    Serdes.String().deserializer(), EnrichedReading.SERDE.deserializer()).readValuesToList();
            assertThat(out).extracting(EnrichedReading::deviceId, EnrichedReading::site, EnrichedReading::tempMinC,
                    EnrichedReading::tempMaxC, EnrichedReading::humidityMaxPct).containsExactly(
                    tuple("d1", "lab-a", 10.0, 30.0, 60.0), tuple("d1", "lab-a", 10.0, 30.0, 60.0));
            assertThat(d.createOutputTopic(TopicNames.DEAD_LETTER, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList())
                    .extracting(TestRecord::key, r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON))
                    .containsExactly(tuple("d2", "UNKNOWN_DEVICE"));
        }
    }
}
