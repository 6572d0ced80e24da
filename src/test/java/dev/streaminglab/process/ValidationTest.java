package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class ValidationTest {
    private static final String VALID = "{\"deviceId\":\"d7\",\"timestamp\":" + sec(5)
            + ",\"seq\":12,\"temperature\":21.5,\"humidity\":40.25,\"light\":120.0}";

    /** Raw values in the order sent, with the reason each must be refused for (null: valid). */
    private static final List<String[]> CASES = List.of(
            new String[] {VALID, null},
            new String[] {"not json {", "BAD_JSON"},
            new String[] {"[1,2,3]", "BAD_JSON"},
            new String[] {"", "BAD_JSON"},
            new String[] {"{\"deviceId\":\"d7\",\"timestamp\":\"noon\",\"seq\":1,\"temperature\":20,\"humidity\":40}", "BAD_JSON"},
            new String[] {"{\"deviceId\":\"d7\",\"timestamp\":1,\"seq\":1,\"temperature\":20}", "MISSING_FIELD"},
            new String[] {"{\"timestamp\":1,\"seq\":1,\"temperature\":20,\"humidity\":null}", "MISSING_FIELD"},
            new String[] {"{\"deviceId\":\"d7\",\"timestamp\":1,\"seq\":1,\"temperature\":-200,\"humidity\":40}", "OUT_OF_RANGE"},
            new String[] {"{\"deviceId\":\"d7\",\"timestamp\":1,\"seq\":1,\"temperature\":20,\"humidity\":40,\"voltage\":9.5}", "OUT_OF_RANGE"});

    @Test
    void validReadingsAreTypedAndEverythingElseIsDeadLetteredWithItsReason() {
        try (TopologyTestDriver d = TestDrivers.driver(Validation.buildTopology())) {
            var raw = d.createInputTopic(TopicNames.TELEMETRY_RAW, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            for (String[] c : CASES) {
                // The key says "sensor-key" on purpose: valid records are re-keyed by the payload's device id.
                raw.pipeInput("sensor-key", c[0].getBytes(StandardCharsets.UTF_8), 1L);
            }

            List<TestRecord<String, Reading>> valid = d.createOutputTopic(TopicNames.TELEMETRY_VALID,
                    Serdes.String().deserializer(), Reading.SERDE.deserializer()).readRecordsToList();
            assertThat(valid).hasSize(1);
            assertThat(valid.get(0).key()).isEqualTo("d7");
            assertThat(valid.get(0).timestamp()).isEqualTo(sec(5));
            assertThat(valid.get(0).value()).isEqualTo(new Reading("d7", sec(5), 21.5, 40.25, 120.0, null, 12L));

            List<TestRecord<String, byte[]>> dlq = d.createOutputTopic(TopicNames.DEAD_LETTER,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
            assertThat(dlq).hasSize(CASES.size() - 1);
            for (int i = 0; i < dlq.size(); i++) {
                String[] c = CASES.get(i + 1);
                TestRecord<String, byte[]> r = dlq.get(i);
                assertThat(r.key()).isEqualTo("sensor-key");
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(c[0]);
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.REASON)).as("reason for %s", c[0]).isEqualTo(c[1]);
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.STAGE)).isEqualTo("validation");
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TopicNames.TELEMETRY_RAW);
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Integer.toString(i + 1));
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.DETAIL)).isNotBlank();
            }
            assertThat(HeaderText.get(dlq.get(4).headers(), DeadLetterHeaders.DETAIL)).isEqualTo("missing humidity");
            assertThat(HeaderText.get(dlq.get(5).headers(), DeadLetterHeaders.DETAIL)).isEqualTo("missing deviceId, humidity");
            assertThat(HeaderText.get(dlq.get(7).headers(), DeadLetterHeaders.DETAIL)).isEqualTo("voltage=9.5 outside [0.0, 5.0]");
        }
    }
}
