package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.T0;
import static dev.streaminglab.process.TestDrivers.enriched;
import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.TelemetryHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Device thresholds in {@link TestDrivers#device}: temperature 10–30 °C, humidity up to 60 %. */
class AlertsTest {
    private static final long MIN = 60_000;
    private int seconds;

    /** Alerts on one partition, as TopologyTestDriver has: every registered device belongs to its one task. */
    private static TopologyTestDriver driver() {
        return TestDrivers.driver(Alerts.buildTopology(1));
    }

    private static void register(TopologyTestDriver d, String... ids) {
        var devices = d.createInputTopic(TopicNames.DEVICES, Serdes.String().serializer(), Device.SERDE.serializer());
        for (String id : ids) {
            devices.pipeInput(id, TestDrivers.device(id, "s1"));
        }
    }

    /** A reading that entered Kafka at {@code ingestedAt}, with its event time a second earlier. */
    private static void ingested(TestInputTopic<String, EnrichedReading> in, String device, long ingestedAt) {
        EnrichedReading r = enriched(device, "s1", ingestedAt - 1000, 20, 40);
        Headers h = new RecordHeaders();
        HeaderText.put(h, TelemetryHeaders.INGESTED_AT, Long.toString(ingestedAt));
        in.pipeInput(new TestRecord<>(device, r, h, r.timestamp()));
    }

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
        try (TopologyTestDriver d = driver()) {
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
        try (TopologyTestDriver d = driver()) {
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

    /** Readings without an ingestion time (written by hand) count as ingested when processed: the wall clock. */
    @Test
    void silenceIsReportedOnceAfterTwoMinutesOfWallClockWithoutReadings() {
        try (TopologyTestDriver d = driver()) {
            register(d, "d3");
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

    /**
     * A backlog ingested 10 minutes ago is processed slowly (one reading every 20 s of wall clock): d1's silence is
     * measured on the backlog's ingestion times, not on the wall clock, so it is reported only once the backlog
     * shows 2 minutes without it; then, the backlog drained, d2 is reported after 2 minutes of quiet.
     */
    @Test
    void silenceIsMeasuredInIngestionTimeAndHeldWhileTheTaskCatchesUp() {
        try (TopologyTestDriver d = driver()) {
            register(d, "d1", "d2");
            var in = input(d);
            var out = alerts(d);
            long backlog = T0 - 10 * MIN;
            ingested(in, "d1", backlog);
            for (int k = 1; k <= 12; k++) {
                d.advanceWallClockTime(Duration.ofSeconds(20));
                // Before reading k the backlog has shown 10 (k - 1) s without d1, plus the 20 s just waited.
                if (k == 11) {
                    assertThat(out.readValuesToList()).as("at reading %d", k).containsExactly(new Alert("d1", "s1",
                            Alert.Type.SILENT, Alert.Severity.WARNING, backlog + 2 * MIN, 120,
                            "no reading for 120 s (limit 120 s)"));
                } else {
                    assertThat(out.readValuesToList()).as("at reading %d", k).isEmpty();
                }
                ingested(in, "d2", backlog + k * 10_000L);
            }
            for (int s = 10; s < 120; s += 10) {
                d.advanceWallClockTime(Duration.ofSeconds(10));
            }
            assertThat(out.readValuesToList()).as("110 s after the backlog").isEmpty();
            d.advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(out.readValuesToList()).containsExactly(new Alert("d2", "s1", Alert.Type.SILENT,
                    Alert.Severity.WARNING, backlog + 4 * MIN, 120, "no reading for 120 s (limit 120 s)"));
        }
    }

    /** d5 is registered and never sends: reported. d6 sent, then was deleted from the registry: forgotten. */
    @Test
    void aRegisteredDeviceThatNeverSendsIsReportedAndADeletedOneIsForgotten() {
        try (TopologyTestDriver d = driver()) {
            register(d, "d5", "d6");
            var in = input(d);
            var out = alerts(d);
            send(in, "d6", 20, 40);
            d.advanceWallClockTime(Duration.ofSeconds(10)); // the first check starts tracking d5
            d.createInputTopic(TopicNames.DEVICES, Serdes.String().serializer(), Device.SERDE.serializer())
                    .pipeInput("d6", null);
            for (int s = 20; s <= 120; s += 10) {
                d.advanceWallClockTime(Duration.ofSeconds(10));
            }
            assertThat(out.readValuesToList()).as("after 120 s").isEmpty();
            d.advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(out.readValuesToList()).containsExactly(new Alert("d5", "s1", Alert.Type.SILENT,
                    Alert.Severity.WARNING, T0 + 130_000, 120, "registered, but no reading in 120 s (limit 120 s)"));
            d.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(out.readValuesToList()).isEmpty();
            assertThat(d.<String, Object>getKeyValueStore(Alerts.STATE_STORE).get("d6")).isNull();
        }
    }
}
