package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.T0;
import static dev.streaminglab.process.TestDrivers.enriched;
import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.TopicNames;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Device thresholds in {@link TestDrivers#device}: temperature 10–30 °C, humidity up to 60 %. */
class AlertsTest {
    private int seconds;

    private void send(TestInputTopic<String, EnrichedReading> in, String device, double temp, double hum) {
        EnrichedReading r = enriched(device, "s1", sec(++seconds * 31), temp, hum);
        in.pipeInput(device, r, r.timestamp());
    }

    private static TestInputTopic<String, EnrichedReading> input(TopologyTestDriver d) {
        return d.createInputTopic(TopicNames.TELEMETRY_ENRICHED, Serdes.String().serializer(),
                EnrichedReading.SERDE.serializer());
    }

    private static TestOutputTopic<String, Alert> alerts(TopologyTestDriver d) {
        return d.createOutputTopic(TopicNames.ALERTS, Serdes.String().deserializer(), Alert.SERDE.deserializer());
    }

    @Test
    void thresholdAlertFiresOnceOnTheThirdConsecutiveBreach() {
        try (TopologyTestDriver d = TestDrivers.driver(Alerts.buildTopology())) {
            var in = input(d);
            var out = alerts(d);
            send(in, "d1", 31, 40);
            send(in, "d1", 32, 40);
            send(in, "d1", 25, 40); // back in range: the run starts again
            send(in, "d1", 31, 40);
            send(in, "d1", 32, 40);
            assertThat(out.readValuesToList()).isEmpty();
            send(in, "d1", 33, 40);
            List<Alert> fired = out.readValuesToList();
            assertThat(fired).containsExactly(new Alert("d1", "s1", Alert.Type.TEMPERATURE_HIGH,
                    Alert.Severity.CRITICAL, sec(6 * 31), 33, "temperature above 30.0 °C for 3 readings"));
            send(in, "d1", 34, 40); // still the same breach: no second alert
            send(in, "d1", 9, 61);
            send(in, "d1", 8, 62);
            assertThat(out.readValuesToList()).isEmpty();
            send(in, "d1", 7, 63);
            assertThat(out.readValuesToList()).extracting(Alert::type)
                    .containsExactly(Alert.Type.TEMPERATURE_LOW, Alert.Type.HUMIDITY_HIGH);
        }
    }

    @Test
    void anomalyNeedsEnoughHistoryAndFourStandardDeviations() {
        try (TopologyTestDriver d = TestDrivers.driver(Alerts.buildTopology())) {
            var in = input(d);
            var out = alerts(d);
            for (int i = 0; i < 5; i++) {
                send(in, "d2", 20, 40);
            }
            send(in, "d2", 29, 40); // a jump, but 5 readings are too few to judge
            assertThat(out.readValuesToList()).isEmpty();

            for (int i = 0; i < Alerts.ZSCORE_WINDOW; i++) {
                send(in, "d4", i % 2 == 0 ? 20.0 : 20.2, 40);
            }
            // 30 previous readings: mean 20.1, standard deviation 0.1; 20.45 is 3.5 deviations away.
            send(in, "d4", 20.45, 40);
            assertThat(out.readValuesToList()).isEmpty();
            // The oldest 20.0 left, 20.45 joined: mean 20.115, deviation 0.1163, so 21.5 is 11.9 deviations away.
            send(in, "d4", 21.5, 40);
            List<Alert> fired = out.readValuesToList();
            assertThat(fired).hasSize(1);
            assertThat(fired.get(0).deviceId()).isEqualTo("d4");
            assertThat(fired.get(0).type()).isEqualTo(Alert.Type.ANOMALY);
            assertThat(fired.get(0).severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(fired.get(0).value()).isEqualTo(21.5);
            assertThat(fired.get(0).message()).isEqualTo(
                    "temperature 21.50 °C is 11.9 standard deviations from the last 30 readings");
        }
    }

    @Test
    void zScoreUsesTheFloorForFlatSeries() {
        List<Double> flat = Collections.nCopies(Alerts.ZSCORE_MIN_SAMPLES, 20.0);
        assertThat(Alerts.zScore(flat, 20.4)).isCloseTo(4.0, Offset.offset(1e-9));
        assertThat(Alerts.zScore(flat.subList(1, flat.size()), 25.0)).isNull();
    }

    @Test
    void silenceIsReportedOnceAfterTwoMinutesOfWallClockWithoutReadings() {
        try (TopologyTestDriver d = TestDrivers.driver(Alerts.buildTopology())) {
            var in = input(d);
            var out = alerts(d);
            send(in, "d3", 20, 40);
            for (int s = 10; s < 120; s += 10) {
                d.advanceWallClockTime(Duration.ofSeconds(10));
            }
            assertThat(out.readValuesToList()).as("after 110 s").isEmpty();
            d.advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(out.readValuesToList()).containsExactly(new Alert("d3", "s1", Alert.Type.SILENT,
                    Alert.Severity.WARNING, T0 + 120_000, 120, "no reading for 120 s (limit 120 s)"));
            d.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(out.readValuesToList()).as("one alert per silence").isEmpty();

            send(in, "d3", 20, 40); // speaks again at wall clock T0 + 7 min: a new silence can be reported
            d.advanceWallClockTime(Duration.ofSeconds(110));
            assertThat(out.readValuesToList()).isEmpty();
            d.advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(out.readValuesToList()).extracting(Alert::type).containsExactly(Alert.Type.SILENT);
        }
    }
}
