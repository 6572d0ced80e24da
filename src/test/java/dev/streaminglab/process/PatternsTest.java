package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.device;
import static dev.streaminglab.process.TestDrivers.enriched;
import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streaminglab.domain.Acknowledgement;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.AlertResponse.Outcome;
import dev.streaminglab.domain.AlertResponse;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.process.FinalWindows.Emit;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The Streams patterns of notebook 06, each on exact input: keys, window bounds, counts, values. */
class PatternsTest {
    private static final TopicSet TOPICS = TopicSet.STANDARD;

    private static TestInputTopic<String, EnrichedReading> enrichedInput(TopologyTestDriver d) {
        return d.createInputTopic(TOPICS.enriched(), Serdes.String().serializer(), EnrichedReading.SERDE.serializer());
    }

    private static void send(TestInputTopic<String, EnrichedReading> in, String device, double seconds, double temp) {
        EnrichedReading r = enriched(device, "s1", sec(seconds), temp, 40);
        in.pipeInput(device, r, r.timestamp());
    }

    private static List<WindowStats> stats(TopologyTestDriver d, String topic) {
        return d.createOutputTopic(topic, Serdes.String().deserializer(), WindowStats.SERDE.deserializer())
                .readValuesToList();
    }

    /** Sessions end after 2 minutes without a reading; a late reading within the gap of two sessions merges them. */
    @Test
    void sessionsFollowTheGapsAndAreEmittedOnceWhenClosed() {
        try (TopologyTestDriver d = TestDrivers.driver(DeviceSessions.buildTopology(TOPICS))) {
            var in = enrichedInput(d);
            send(in, "d1", 0, 20);
            send(in, "d1", 60, 22);
            send(in, "d1", 100, 24);
            send(in, "d2", 50, 18);
            send(in, "d3", 0, 20);
            send(in, "d3", 140, 21);   // 140 s after: a second session
            send(in, "d3", 70, 22);    // 70 s from both, before either closed (last reading + gap + grace): bridges them
            assertThat(stats(d, TOPICS.sessions())).as("nothing closed yet at stream time 140 s").isEmpty();
            send(in, "d1", 300, 26);   // stream time 300 s closes d1's first session (100 + 120 + 30), d2's and d3's
            send(in, "d1", 330, 28);
            assertThat(stats(d, TOPICS.sessions())).containsExactlyInAnyOrder(
                    new WindowStats("d1", sec(0), sec(100), 3, 20, 24, 22, 40),
                    new WindowStats("d2", sec(50), sec(50), 1, 18, 18, 18, 40),
                    new WindowStats("d3", sec(0), sec(140), 3, 20, 22, 21, 40));
            send(in, "d9", 480, 20);   // 330 + 120 + 30: d1's second session closes
            assertThat(stats(d, TOPICS.sessions())).containsExactly(
                    new WindowStats("d1", sec(300), sec(330), 2, 26, 28, 27, 40));
        }
    }

    /**
     * One window per distinct set of readings within 5 minutes: one ending at each reading and one starting just
     * after each, for when it drops out. Their ends and maxima are the rolling maximum as a step function.
     */
    @Test
    void rollingMaximumHasAWindowEndingAtEachReadingAndOneWhereEachDropsOut() {
        try (TopologyTestDriver d = TestDrivers.driver(RollingMax.buildTopology(TOPICS))) {
            var in = enrichedInput(d);
            send(in, "d1", 0, 20);
            send(in, "d1", 60, 25);
            send(in, "d1", 100, 22);
            send(in, "d1", 400, 21);
            send(in, "d9", 1000, 20);   // stream time past every d1 window's end + 30 s grace
            List<WindowStats> windows = stats(d, TOPICS.rollingMax());
            assertThat(windows).extracting(w -> w.windowStart() - sec(0), w -> w.windowEnd() - sec(0),
                    WindowStats::count, WindowStats::temperatureMax).containsExactlyInAnyOrder(
                    tuple(-300_000L, 0L, 1L, 20.0),
                    tuple(-240_000L, 60_000L, 2L, 25.0),
                    tuple(-200_000L, 100_000L, 3L, 25.0),
                    tuple(1L, 300_001L, 2L, 25.0),         // the reading at 0 s dropped out
                    tuple(60_001L, 360_001L, 1L, 22.0),     // and the one at 60 s
                    tuple(100_000L, 400_000L, 2L, 22.0),
                    tuple(100_001L, 400_001L, 1L, 21.0));
            assertThat(windows).allSatisfy(w -> assertThat(w.key()).isEqualTo("d1"));
        }
    }

    /**
     * Both ways to final results give the same windows, each once. They differ in when: suppress emits as soon as
     * stream time passes a window's close; onWindowClose looks for closed windows at most once per second of
     * wall-clock time, so windows that close in a burst of records wait for the first record after that second.
     */
    @Test
    void onWindowCloseAndSuppressGiveTheSameFinalWindowsAtDifferentMoments() {
        List<List<WindowStats>> results = new ArrayList<>();
        for (Emit emit : Emit.values()) {
            String topic = emit == Emit.ON_WINDOW_CLOSE ? TOPICS.finalOnClose() : TOPICS.finalSuppressed();
            try (TopologyTestDriver d = TestDrivers.driverWithEmitInterval(FinalWindows.buildTopology(TOPICS, emit))) {
                var in = enrichedInput(d);
                send(in, "d1", 5, 20);    // the first look: nothing closed yet
                send(in, "d1", 30, 22);
                send(in, "d2", 10, 18);
                send(in, "d1", 70, 24);
                send(in, "d1", 50, 21);   // out of order, within the grace of its window [0 s, 60 s)
                send(in, "d1", 95, 25);   // stream time 95 s closes [0 s, 60 s) (60 + 30 s grace)
                List<WindowStats> all = new ArrayList<>(stats(d, topic));
                assertThat(all).as("%s: emitted within the first second of wall-clock time", emit)
                        .hasSize(emit == Emit.SUPPRESS ? 2 : 0);
                d.advanceWallClockTime(TestDrivers.EMIT_INTERVAL);
                send(in, "d1", 200, 26);  // closes [60 s, 120 s)
                all.addAll(stats(d, topic));
                results.add(all);
            }
        }
        assertThat(results.get(0)).containsExactly(
                new WindowStats("d1", sec(0), sec(60), 3, 20, 22, 21, 40),
                new WindowStats("d2", sec(0), sec(60), 1, 18, 18, 18, 40),
                new WindowStats("d1", sec(60), sec(120), 2, 24, 25, 24.5, 40));
        assertThat(results.get(1)).containsExactlyInAnyOrderElementsOf(results.get(0));
    }

    /** Registry rows of d1 and d2, each stamped with the event time from which it holds. */
    private record Edit(String device, double seconds, byte[] row) {
    }

    private static final Device D1_V1 = device("d1", "lab-a");
    private static final Device D1_V2 = new Device("d1", "lab-a", "room-d1", "mica2dot", 1.5, 2.5, 10, 35, 60);
    private static final Device D2 = device("d2", "lab-b");
    private static final List<Edit> EDITS = List.of(
            new Edit("d1", 0, Json.bytes(D1_V1)),
            new Edit("d2", 250, Json.bytes(D2)),
            new Edit("d1", 300, Json.bytes(D1_V2)),
            new Edit("d1", 350, "{\"deviceId\":\"d1\",\"site\":\"lab-a\"}".getBytes(StandardCharsets.UTF_8)),
            new Edit("d2", 450, null));
    private static final List<Reading> READINGS = List.of(
            new Reading("d1", sec(100), 21.0, 40.0, null, null, 1L),
            new Reading("d2", sec(200), 22.0, 40.0, null, null, 1L),
            new Reading("d1", sec(200), 23.0, 40.0, null, null, 2L),
            new Reading("d2", sec(260), 24.0, 40.0, null, null, 2L),
            new Reading("d1", sec(400), 25.0, 40.0, null, null, 3L),
            new Reading("d2", sec(460), 26.0, 40.0, null, null, 3L),
            new Reading("d1", sec(500), 27.0, 40.0, null, null, 4L));

    /**
     * Runs the registry edits and the readings through a topology, live (each in its time order, interleaved) or
     * as a replay (the whole registry first, as a restarted application reading old telemetry finds it).
     */
    private static Runs enrich(boolean replay, boolean asOf) {
        try (TopologyTestDriver d = TestDrivers.driver(asOf ? RegistryAsOf.buildTopology(TOPICS)
                : Enrichment.buildTopology())) {
            var devices = d.createInputTopic(TOPICS.devices(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            var valid = d.createInputTopic(TOPICS.valid(), Serdes.String().serializer(), Reading.SERDE.serializer());
            List<Object> events = new ArrayList<>(EDITS);
            events.addAll(READINGS);
            if (!replay) {
                events.sort((a, b) -> Long.compare(at(a), at(b)));
            }
            for (Object e : events) {
                if (e instanceof Edit edit) {
                    devices.pipeInput(edit.device(), edit.row(), sec(edit.seconds()));
                } else if (e instanceof Reading r) {
                    valid.pipeInput(r.deviceId(), r, r.timestamp());
                }
            }
            List<EnrichedReading> out = d.createOutputTopic(asOf ? TOPICS.enrichedAsOf() : TOPICS.enriched(),
                    Serdes.String().deserializer(), EnrichedReading.SERDE.deserializer()).readValuesToList();
            List<TestRecord<String, byte[]>> refused = d.createOutputTopic(TOPICS.deadLetter(),
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
            return new Runs(out.stream().map(r -> tuple(r.deviceId(), (r.timestamp() - sec(0)) / 1000, r.tempMaxC()))
                    .toList(), refused.stream().map(r -> tuple(r.key(), Json.read(r.value(), Reading.class).timestamp()
                    - sec(0), HeaderText.get(r.headers(), DeadLetterHeaders.REASON),
                    HeaderText.get(r.headers(), DeadLetterHeaders.STAGE))).toList());
        }
    }

    private static long at(Object event) {
        return event instanceof Edit e ? sec(e.seconds()) : ((Reading) event).timestamp();
    }

    /** Enriched readings as (device, seconds, tempMaxC); refused ones as (key, event time ms, reason, stage). */
    private record Runs(List<Tuple> enriched, List<Tuple> refused) {
    }

    /**
     * The versioned table joins each reading with the row of its event time, live and in a replay alike: d1's
     * threshold edit at 300 s applies from 300 s, d2 exists from 250 s to its deletion at 450 s, and the bad row at
     * 350 s is skipped. The global table joins the row current when a reading is processed: right live, today's row
     * in a replay.
     */
    @Test
    void versionedTableJoinsByEventTimeSoAReplayEqualsTheLiveRun() {
        Runs live = enrich(false, true);
        assertThat(live.enriched()).containsExactly(tuple("d1", 100L, 30.0), tuple("d1", 200L, 30.0),
                tuple("d2", 260L, 30.0), tuple("d1", 400L, 35.0), tuple("d1", 500L, 35.0));
        assertThat(live.refused()).containsExactly(tuple("d2", 200_000L, "UNKNOWN_DEVICE", RegistryAsOf.STAGE),
                tuple("d2", 460_000L, "UNKNOWN_DEVICE", RegistryAsOf.STAGE));
        assertThat(enrich(true, true)).isEqualTo(live);

        Runs globalLive = enrich(false, false);
        assertThat(globalLive.enriched()).isEqualTo(live.enriched());
        Runs globalReplay = enrich(true, false);
        assertThat(globalReplay.enriched()).containsExactly(tuple("d1", 100L, 35.0), tuple("d1", 200L, 35.0),
                tuple("d1", 400L, 35.0), tuple("d1", 500L, 35.0));
        assertThat(globalReplay.refused()).extracting(t -> t.toList().get(1)).containsExactly(200_000L, 260_000L,
                460_000L);
    }

    private static Alert alert(String device, Alert.Type type, double seconds) {
        return new Alert(device, "s1", type, Alert.Severity.CRITICAL, sec(seconds), 1, "test");
    }

    /**
     * An acknowledgement within 5 minutes after its alert answers it at once; an alert without one escalates when
     * its window closes, and an acknowledgement that came too late is kept as ACK_WITHOUT_ALERT.
     */
    @Test
    void alertsMeetTheirAcknowledgementsWithinTheWindowOrEscalate() {
        try (TopologyTestDriver d = TestDrivers.driver(AlertResponses.buildTopology(TOPICS))) {
            var alerts = d.createInputTopic(TOPICS.alerts(), Serdes.String().serializer(), Alert.SERDE.serializer());
            var acks = d.createInputTopic(TOPICS.alertAcks(), Serdes.String().serializer(),
                    Acknowledgement.SERDE.serializer());
            var responses = d.createOutputTopic(TOPICS.alertResponses(), Serdes.String().deserializer(),
                    AlertResponse.SERDE.deserializer());
            Alert hot = alert("d1", Alert.Type.TEMPERATURE_HIGH, 0);
            Alert humid = alert("d2", Alert.Type.HUMIDITY_HIGH, 60);
            Alert silent = alert("d3", Alert.Type.SILENT, 120);
            alerts.pipeInput("d1", hot);
            acks.pipeInput(Acknowledgement.alertId(hot), new Acknowledgement(Acknowledgement.alertId(hot), "ana", sec(40)));
            alerts.pipeInput("d2", humid);
            alerts.pipeInput("d3", silent);
            String silentId = Acknowledgement.alertId(silent);
            acks.pipeInput(silentId, new Acknowledgement(silentId, "bo", sec(130)));
            acks.pipeInput(silentId, new Acknowledgement(silentId, "cy", sec(140)));
            String humidId = Acknowledgement.alertId(humid);
            // 400 s after its alert: too late. Stream time 460 s also closes the humidity alert's window (390 s).
            acks.pipeInput(humidId, new Acknowledgement(humidId, "dee", sec(460)));
            List<TestRecord<String, AlertResponse>> closed = responses.readRecordsToList();
            assertThat(closed).extracting(TestRecord::key, r -> r.value().outcome(), r -> r.value().operator(),
                    r -> r.value().responseMs()).containsExactly(
                    tuple(Acknowledgement.alertId(hot), Outcome.ACKNOWLEDGED, "ana", 40_000L),
                    tuple(silentId, Outcome.ACKNOWLEDGED, "bo", 10_000L),
                    tuple(silentId, Outcome.ACKNOWLEDGED, "cy", 20_000L),
                    tuple(humidId, Outcome.ESCALATED, null, null));
            assertThat(closed.get(3).value().alert()).isEqualTo(humid);

            alerts.pipeInput("d9", alert("d9", Alert.Type.SILENT, 1000));
            assertThat(responses.readValuesToList()).extracting(AlertResponse::alertId, AlertResponse::outcome,
                    AlertResponse::alert, AlertResponse::operator)
                    .containsExactly(tuple(humidId, Outcome.ACK_WITHOUT_ALERT, null, "dee"));
        }
    }

    /**
     * A retry storm (every reading sent three times, as a producer without idempotence retrying lost
     * acknowledgements would) is counted once by the windows: {@link Deduplication} sends the copies to the
     * dead-letter topic as DUPLICATE.
     */
    @Test
    void aRetryStormIsCountedOnceByTheWindows() {
        try (TopologyTestDriver d = TestDrivers.driver(TelemetryPipeline.buildTopology(TOPICS,
                EnumSet.of(Stage.ENRICHMENT, Stage.AGGREGATES)))) {
            d.createInputTopic(TOPICS.devices(), Serdes.String().serializer(), Device.SERDE.serializer())
                    .pipeInput("d1", device("d1", "lab-a"));
            var valid = d.createInputTopic(TOPICS.valid(), Serdes.String().serializer(), Reading.SERDE.serializer());
            for (long seq = 1; seq <= 6; seq++) {
                Reading r = new Reading("d1", sec(seq * 10), 20.0 + seq, 40.0, null, null, seq);
                for (int copy = 0; copy < 3; copy++) {
                    valid.pipeInput("d1", r, r.timestamp());
                }
            }
            valid.pipeInput("d1", new Reading("d1", sec(200), 20.0, 40.0, null, null, 7L), sec(200));
            assertThat(stats(d, TOPICS.device1mFinal())).containsExactly(
                    new WindowStats("d1", sec(0), sec(60), 5, 21, 25, 23, 40),
                    new WindowStats("d1", sec(60), sec(120), 1, 26, 26, 26, 40));
            assertThat(d.createOutputTopic(TOPICS.deadLetter(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList())
                    .extracting(r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON))
                    .hasSize(12).containsOnly("DUPLICATE");
        }
    }
}
