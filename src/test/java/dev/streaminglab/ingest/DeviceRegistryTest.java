package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.Device;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {
    @Test
    void labMotesGetTheirPositionsAndASiteByBandAcrossTheLab() {
        var registry = DeviceRegistry.lab(54, 3);
        assertThat(registry.size()).isEqualTo(54);
        assertThat(registry.find("mote-1")).contains(
                new Device("mote-1", "site-2", "site-2-south", "mica2dot", 21.5, 23, 15, 28, 60));
        assertThat(registry.find("mote-5").orElseThrow().room()).isEqualTo("site-2-north");
        Map<String, Long> perSite = registry.devices().stream()
                .collect(Collectors.groupingBy(Device::site, TreeMap::new, Collectors.counting()));
        assertThat(perSite).containsExactlyInAnyOrderEntriesOf(Map.of("site-1", 19L, "site-2", 18L, "site-3", 17L));
    }

    @Test
    void moreDevicesThanMotesGetStableGeneratedPositionsInsideTheLab() {
        var registry = DeviceRegistry.lab(80, 4);
        assertThat(registry.ids()).containsExactlyElementsOf(IntStream.rangeClosed(1, 80).mapToObj(i -> "mote-" + i).toList());
        Device extra = registry.find("mote-70").orElseThrow();
        assertThat(extra.x()).isBetween(0.0, DeviceRegistry.LAB_WIDTH);
        assertThat(extra.y()).isBetween(0.0, DeviceRegistry.LAB_DEPTH);
        assertThat(DeviceRegistry.lab(80, 4).find("mote-70")).contains(extra);
    }

    @Test
    void aSyntheticRunSpeaksForExactlyTheRegisteredDevicesPlusGhosts() {
        var settings = GeneratorSettings.defaults().withDevices(80).withCount(20_000);
        var registry = DeviceRegistry.lab(80, 3);
        Set<String> keys = new HashSet<>();
        new SyntheticTelemetry(settings, registry, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli())
                .forEachRemaining(r -> {
                    if (r.kind() != RecordKind.UNKNOWN_DEVICE) {
                        keys.add(r.key());
                    }
                });
        assertThat(keys).isEqualTo(new HashSet<>(registry.ids()));
    }

    @Test
    void theFullRegistryHoldsTheLabAndTheAirQualityDevice() {
        var all = DeviceRegistry.all();
        assertThat(all.size()).isEqualTo(55);
        assertThat(all.find("airquality-1").orElseThrow().sensorType()).isEqualTo("multisensor-gas");
    }

    @Test
    void zeroDevicesIsAClearError() {
        assertThatThrownBy(() -> DeviceRegistry.lab(0, 3)).isInstanceOf(LabException.class)
                .hasMessageContaining("--devices");
    }
}
