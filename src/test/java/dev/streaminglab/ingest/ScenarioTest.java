package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

    @Test
    void plantsExactlyTheIncidentsItPromises() {
        Scenario s = Scenario.workshop("nb", 6, 2, START, Duration.ofMinutes(15), Duration.ofSeconds(30), 7);
        assertThat(s.records()).hasSize(180);
        assertThat(s.counts()).isEqualTo(Map.of(RecordKind.VALID, 173L, RecordKind.LATE, 3L,
                RecordKind.BAD_JSON, 1L, RecordKind.MISSING_FIELD, 1L, RecordKind.OUT_OF_RANGE, 1L,
                RecordKind.UNKNOWN_DEVICE, 1L));
        assertThat(s.devices()).extracting(Device::deviceId)
                .containsExactly("nb-mote-1", "nb-mote-2", "nb-mote-3", "nb-mote-4", "nb-mote-5", "nb-mote-6");
        assertThat(s.devices()).extracting(Device::site).containsOnly("site-1", "site-2");
        Device hot = s.devices().get(0);
        long overheated = s.records().stream().filter(r -> r.kind() == RecordKind.VALID && r.key().equals(hot.deviceId()))
                .map(r -> Json.read(r.value(), Reading.class)).filter(r -> r.temperature() > hot.tempMaxC()).count();
        assertThat(overheated).isEqualTo(Scenario.OVERHEAT_READINGS).isEqualTo(Alert.CONSECUTIVE_BREACHES + 1);
        assertThat(s.records()).filteredOn(r -> r.kind() == RecordKind.UNKNOWN_DEVICE).extracting(OutgoingRecord::key)
                .allMatch(k -> k.startsWith("nb-ghost-"));
    }

    @Test
    void sameArgumentsSameRecords() {
        Scenario a = Scenario.workshop("x", 6, 2, START, Duration.ofMinutes(5), Duration.ofSeconds(30), 3);
        Scenario b = Scenario.workshop("x", 6, 2, START, Duration.ofMinutes(5), Duration.ofSeconds(30), 3);
        assertThat(a.records()).extracting(OutgoingRecord::valueText)
                .containsExactlyElementsOf(b.records().stream().map(OutgoingRecord::valueText).toList());
    }
}
