package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class RegistryCheckTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Exactly the rows the registry store leaves out become BAD_REGISTRY_ROW dead letters, as they came. */
    @Test
    void everyRowTheRegistryLeavesOutIsDeadLetteredWithItsReason() {
        List<Object[]> rows = List.of(
                new Object[] {"d1", Json.bytes(device("d1", "lab-a")), null},
                new Object[] {"d1", null, null},
                new Object[] {"d2", text("d2,lab-a,room"), "not JSON: Unrecognized token 'd2': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
                new Object[] {"d3", text("[1,2]"), "not a JSON object"},
                new Object[] {"d4", text("{\"deviceId\":\"d4\",\"site\":\"lab-a\"}"),
                        "missing tempMinC, tempMaxC, humidityMaxPct"},
                new Object[] {"d5", text("{\"deviceId\":\"d5\",\"tempMinC\":30,\"tempMaxC\":10,\"humidityMaxPct\":60}"),
                        "tempMinC 30.0 is not below tempMaxC 10.0"},
                new Object[] {"d6", text("{\"deviceId\":\"d7\",\"tempMinC\":10,\"tempMaxC\":30,\"humidityMaxPct\":60}"),
                        "deviceId 'd7' under key 'd6'"},
                new Object[] {"d8", text("{\"deviceId\":\"d8\",\"tempMinC\":\"cold\",\"tempMaxC\":30,\"humidityMaxPct\":60}"),
                        "wrong field type: Cannot deserialize value of type `double` from String \"cold\": not a valid "
                                + "`double` value (as String to convert)"},
                new Object[] {"d9", text("{\"deviceId\":\"d9\",\"tempMinC\":10,\"tempMaxC\":30,\"humidityMaxPct\":160}"),
                        "humidityMaxPct 160.0 outside 0.0..100.0"});
        try (TopologyTestDriver d = TestDrivers.driver(RegistryCheck.buildTopology())) {
            var in = d.createInputTopic(TopicNames.DEVICES, Serdes.String().serializer(), Serdes.ByteArray().serializer());
            rows.forEach(r -> in.pipeInput((String) r[0], (byte[]) r[1]));
            List<TestRecord<String, byte[]>> dlq = d.createOutputTopic(TopicNames.DEAD_LETTER,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
            List<Object[]> bad = rows.stream().filter(r -> r[2] != null).toList();
            assertThat(dlq).extracting(TestRecord::key).containsExactlyElementsOf(bad.stream().map(r -> (String) r[0]).toList());
            for (int i = 0; i < dlq.size(); i++) {
                TestRecord<String, byte[]> r = dlq.get(i);
                assertThat(r.value()).isEqualTo(bad.get(i)[1]);
                assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.DETAIL)).isEqualTo("registry row of devices "
                        + "refused: " + bad.get(i)[2] + "; the device keeps its last good row");
            }
            assertThat(dlq).extracting(r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON),
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.STAGE),
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).containsOnly(
                    tuple("BAD_REGISTRY_ROW", RegistryCheck.STAGE, TopicNames.DEVICES));
            assertThat(dlq).extracting(r -> HeaderText.get(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                    .containsExactly("2", "3", "4", "5", "6", "7", "8");
        }
    }
}
