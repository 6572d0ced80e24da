package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.device;
import static dev.streaminglab.process.TestDrivers.reading;
import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
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
}
