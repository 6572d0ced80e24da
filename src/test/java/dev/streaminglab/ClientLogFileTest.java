package dev.streaminglab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientLogFileTest {
    private final Logger sender = LogManager.getLogger("org.apache.kafka.clients.producer.internals.Sender");
    private final Logger kit = LogManager.getLogger("dev.streaminglab.demo.Demo");

    @Test
    void theClientsWarningsGoToTheFileAndTheKitsStayOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/demo-clients.log");
        try (ClientLogFile log = ClientLogFile.redirect(ClientLogFile.KAFKA, file)) {
            sender.warn("Got error produce response: OUT_OF_ORDER_SEQUENCE_NUMBER");
            sender.info("below WARN");
            kit.warn("the kit's own line");
            assertThat(log.file()).isEqualTo(file);
        }
        sender.warn("after close");
        assertThat(Files.readAllLines(file)).singleElement().asString()
                .endsWith(" WARN [main] org.apache.kafka.clients.producer.internals.Sender: "
                        + "Got error produce response: OUT_OF_ORDER_SEQUENCE_NUMBER");
    }
}
