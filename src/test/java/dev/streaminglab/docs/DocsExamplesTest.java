package dev.streaminglab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.ingest.DeviceRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples a reader copies from the docs name devices and sites that exist. */
class DocsExamplesTest {
    @Test
    void theRegistryRowInTopicsMdIsTheGeneratorsOwn() throws IOException {
        String topics = Files.readString(ProcessRun.HOME.resolve("docs/topics.md"));
        Matcher row = Pattern.compile("\\{\"deviceId\":\"mote-7\",\"site\".*?}").matcher(topics);
        assertThat(row.find()).isTrue();
        Device documented = Json.read(row.group().getBytes(StandardCharsets.UTF_8), Device.class);
        assertThat(documented).isEqualTo(DeviceRegistry.lab(54, DeviceRegistry.DEFAULT_SITES).find("mote-7").orElseThrow());
    }

    @Test
    void everySiteTheReadmeQueriesExists() throws IOException {
        Set<String> sites = Set.copyOf(DeviceRegistry.lab(54, DeviceRegistry.DEFAULT_SITES).devices().stream()
                .map(Device::site).toList());
        Matcher m = Pattern.compile("/sites/([^/]+)/windows").matcher(Files.readString(ProcessRun.HOME.resolve("README.md")));
        int found = 0;
        while (m.find()) {
            if (!m.group(1).startsWith("{")) {
                assertThat(sites).contains(m.group(1));
                found++;
            }
        }
        assertThat(found).isPositive();
    }
}
