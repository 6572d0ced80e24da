package dev.streaminglab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {
    @TempDir
    Path dir;

    @Test
    void clientConfigFileReachesEveryClient() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        KafkaConnection c = KafkaConnection.of("10.0.0.1:9093").withClientConfig(file);
        for (var props : List.of(c.adminProperties(), c.producerProperties(), c.consumerProperties("g"),
                c.streamsProperties())) {
            assertThat(props.getProperty("bootstrap.servers")).isEqualTo("10.0.0.1:9093");
            assertThat(props.getProperty("security.protocol")).isEqualTo("SASL_SSL");
            assertThat(props.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        }
        assertThat(c.consumerProperties("g").getProperty("group.id")).isEqualTo("g");
    }

    @Test
    void missingClientConfigFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaConnection.of("127.0.0.1:9092").withClientConfig(missing))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("cannot read client properties file " + missing);
    }

    @Test
    void blankBootstrapIsRejected() {
        assertThatThrownBy(() -> KafkaConnection.of(" ")).isInstanceOf(LabException.class)
                .hasMessage("no bootstrap servers given: pass --bootstrap host:port[,host:port]");
    }
}
