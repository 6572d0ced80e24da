package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The experiments' topologies under TopologyTestDriver, with the experiments' own Streams properties: the time
 * semantics (grace, punctuation, retention, stream time, suppression) and the join, dedupe and error logic, exact and
 * in milliseconds, without a cluster. Where the driver differs from a cluster (one partition, no broker), the test
 * says what that difference shows.
 */
class LimitsTopologiesTest {
    static TopologyTestDriver driver(Topology topology, Map<String, Object> overrides) {
        try {
            return new TopologyTestDriver(topology, Workbench.streamsProps(KafkaConnection.of("unused:9092"), "ttd",
                    Files.createTempDirectory("limits-ttd"), overrides), Instant.ofEpochMilli(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TopologyTestDriver driver(Topology topology) {
        return driver(topology, Map.of());
    }

    private static Map<String, Long> finalCounts(List<TestRecord<String, Long>> records) {
        Map<String, Long> out = new LinkedHashMap<>();
        records.forEach(r -> out.put(r.key(), r.value()));
        return out;
    }

    @Test
    void recordsLaterThanGraceAreDroppedAndCountedAsDropped() {
        try (TopologyTestDriver d = driver(LateDataGrace.topology("in", "counts", LateDataGrace.GRACE))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("counts", new StringDeserializer(), new LongDeserializer());
            for (long t : LateDataGrace.EVENT_TIMES) {
                in.pipeInput("d1", "r@" + t, t);
            }
            var updates = out.readRecordsToList();
            assertThat(updates).hasSize(6);
            assertThat(finalCounts(updates)).containsExactly(Map.entry("d1@0", 4L), Map.entry("d1@10000", 2L));
            double dropped = d.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
            assertThat(dropped).isEqualTo(2.0);
        }
        assertThat(LateDataGrace.lateRecords(LateDataGrace.GRACE)).isEqualTo(2);
    }

    @Test
    void aGraceLongerThanTheLatenessKeepsEveryRecord() {
        try (TopologyTestDriver d = driver(LateDataGrace.topology("in", "counts", LateDataGrace.ENOUGH_GRACE))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("counts", new StringDeserializer(), new LongDeserializer());
            for (long t : LateDataGrace.EVENT_TIMES) {
                in.pipeInput("d1", "r@" + t, t);
            }
            assertThat(finalCounts(out.readRecordsToList())).containsExactly(Map.entry("d1@0", 6L),
                    Map.entry("d1@10000", 2L));
        }
        assertThat(LateDataGrace.lateRecords(LateDataGrace.ENOUGH_GRACE)).isZero();
    }

    @Test
    void streamTimePunctuationNeedsRecordsWallClockPunctuationDoesNot() {
        Punctuation.Counters c = new Punctuation.Counters();
        try (TopologyTestDriver d = driver(Punctuation.topology("in", c))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (int i = 0; i < Punctuation.RECORDS; i++) {
                in.pipeInput("k", "v", i * 500L);
            }
            long streamFires = c.streamFires().get();
            assertThat(streamFires).isEqualTo(Punctuation.RECORDS);
            for (int i = 0; i < 6; i++) {
                d.advanceWallClockTime(Punctuation.INTERVAL);
            }
            assertThat(c.streamFires().get()).isEqualTo(streamFires);
            assertThat(c.wallFires().get()).isEqualTo(6);
        }
    }

    @Test
    void aWindowPastRetentionIsGoneFromTheStoreButNotFromTheOutputTopic() {
        try (TopologyTestDriver d = driver(WindowRetention.topology("in", "out"))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
            WindowStore<String, Long> store = d.getWindowStore(WindowRetention.STORE);
            in.pipeInput("d1", "v", 0L);
            assertThat(store.fetch("d1", 0L)).isEqualTo(1L);
            in.pipeInput("d1", "v", WindowRetention.LATER.toMillis());
            assertThat(store.fetch("d1", 0L)).isNull();
            assertThat(finalCounts(out.readRecordsToList())).containsEntry("d1@0", 1L);
        }
    }

    @Test
    void oneTaskHasOneStreamTimeSoTheDriverClosesWhatAnIdlePartitionKeepsOpen() {
        // The driver runs every key in one task; on a cluster b sits on a partition of its own and stays open.
        try (TopologyTestDriver d = driver(IdlePartition.topology("in", "finals"))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("finals", new StringDeserializer(), new LongDeserializer());
            in.pipeInput("a", "v", 1_000L);
            in.pipeInput("b", "v", 1_000L);
            d.advanceWallClockTime(Duration.ofMinutes(1));
            assertThat(out.readRecordsToList()).isEmpty();
            in.pipeInput("a", "v", 25_000L);
            assertThat(out.readKeyValuesToMap()).containsOnlyKeys("a@0", "b@0");
        }
    }

    @Test
    void suppressionEmitsOnStreamTimeOnlyAndABoundedBufferFailsOrEmitsEarly() {
        for (Suppression.Buffer buffer : List.of(Suppression.Buffer.UNBOUNDED, Suppression.Buffer.ON_WINDOW_CLOSE)) {
            try (TopologyTestDriver d = driver(Suppression.topology("in", "out", buffer, new AtomicLong()))) {
                var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
                var out = d.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
                IntStream.range(0, 5).forEach(i -> in.pipeInput("k" + i, "v", 1_000L));
                d.advanceWallClockTime(Duration.ofMinutes(1));
                assertThat(out.readRecordsToList()).as(buffer.label).isEmpty();
                in.pipeInput("tick", "v", 11_000L);
                assertThat(out.readKeyValuesToMap()).as(buffer.label).hasSize(5).containsEntry("k0@0", 1L);
            }
        }
        try (TopologyTestDriver d = driver(Suppression.topology("in", "out", Suppression.Buffer.EMIT_EARLY_WHEN_FULL,
                new AtomicLong()))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
            IntStream.range(0, Suppression.BOUNDED + 1).forEach(i -> in.pipeInput("k" + i, "v", 1_000L));
            assertThat(out.readRecordsToList()).hasSize(1);
        }
        try (TopologyTestDriver d = driver(Suppression.topology("in", "out", Suppression.Buffer.SHUT_DOWN_WHEN_FULL,
                new AtomicLong()))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            IntStream.range(0, Suppression.BOUNDED).forEach(i -> in.pipeInput("k" + i, "v", 1_000L));
            assertThatThrownBy(() -> in.pipeInput("one-too-many", "v", 1_000L)).isInstanceOf(StreamsException.class)
                    .hasStackTraceContaining("buffer exceeded its max capacity");
        }
    }

    @Test
    void theJoinItselfJoinsEveryReadingWhenBothSidesAreInOneTask() {
        try (TopologyTestDriver d = driver(CoPartitioning.topology("readings", "devices", "joined", new AtomicLong(),
                false))) {
            var devices = d.createInputTopic("devices", new StringSerializer(), new StringSerializer());
            var readings = d.createInputTopic("readings", new StringSerializer(), new StringSerializer());
            var joined = d.createOutputTopic("joined", new StringDeserializer(), new StringDeserializer());
            IntStream.range(0, CoPartitioning.DEVICES).forEach(i -> devices.pipeInput("d" + i, "site-1", 0L));
            IntStream.range(0, CoPartitioning.DEVICES).forEach(i -> readings.pipeInput("d" + i, "21.5", 1_000L));
            assertThat(joined.readKeyValuesToMap()).hasSize(CoPartitioning.DEVICES).containsEntry("d7", "21.5@site-1");
        }
        assertThat(CoPartitioning.predictedJoins()).isEqualTo(31);
    }

    @Test
    void reKeyingAddsARepartitionTopicAndCountingByKeyDoesNot() {
        assertThat(sinks(RepartitionCost.topology("in", true, new AtomicLong(), new AtomicLong(), new AtomicLong())))
                .anyMatch(t -> t.endsWith("-repartition"));
        assertThat(sinks(RepartitionCost.topology("in", false, new AtomicLong(), new AtomicLong(), new AtomicLong())))
                .isEmpty();
    }

    private static List<String> sinks(Topology t) {
        return t.describe().subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(n -> n instanceof TopologyDescription.Sink).map(n -> ((TopologyDescription.Sink) n).topic())
                .toList();
    }

    @Test
    void aForeignKeyUpdateReEmitsEveryReadingThatPointsAtIt() {
        try (TopologyTestDriver d = driver(ForeignKeyJoin.topology("readings", "devices", "joined"))) {
            var devices = d.createInputTopic("devices", new StringSerializer(), new StringSerializer());
            var readings = d.createInputTopic("readings", new StringSerializer(), new StringSerializer());
            var joined = d.createOutputTopic("joined", new StringDeserializer(), new StringDeserializer());
            IntStream.range(0, ForeignKeyJoin.DEVICES).forEach(i -> devices.pipeInput("d" + i, "site-1", 0L));
            IntStream.range(0, 30).forEach(i -> readings.pipeInput("r" + i, "d" + i % ForeignKeyJoin.DEVICES, 0L));
            assertThat(joined.readRecordsToList()).hasSize(30);
            devices.pipeInput("d0", "site-2", 1L);
            assertThat(joined.readKeyValuesToMap()).containsOnlyKeys("r0", "r10", "r20")
                    .containsValue("d0@site-2");
        }
    }

    @Test
    void aDuplicateIsCountedTwiceUnlessAStoreRemembersItsId() {
        for (boolean dedupe : List.of(false, true)) {
            try (TopologyTestDriver d = driver(NoDeduplication.topology("in", "counts", dedupe))) {
                var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
                var out = d.createOutputTopic("counts", new StringDeserializer(), new LongDeserializer());
                for (ProducerRecord<String, String> r : NoDeduplication.readings("in", 0)) {
                    in.pipeInput(r.key(), r.value(), r.timestamp());
                }
                long counted = out.readKeyValuesToMap().values().stream().mapToLong(Long::longValue).sum();
                assertThat(counted).isEqualTo(dedupe ? NoDeduplication.READINGS
                        : NoDeduplication.READINGS + NoDeduplication.RESENT);
            }
        }
    }

    @Test
    void theDefaultHandlersStopOnABadRecordAndAContinuingOneSkipsIt() {
        try (TopologyTestDriver d = driver(ErrorHandlers.topology("in", "out"))) {
            var in = d.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            assertThatThrownBy(() -> in.pipeInput("bad", ErrorHandlers.MALFORMED)).isInstanceOf(StreamsException.class)
                    .hasStackTraceContaining("Deserialization exception handler is set to fail upon a deserialization "
                            + "error");
        }
        try (TopologyTestDriver d = driver(ErrorHandlers.topology("in", "out"))) {
            var in = d.createInputTopic("in", new StringSerializer(), new LongSerializer());
            assertThatThrownBy(() -> in.pipeInput("d13", ErrorHandlers.POISON)).isInstanceOf(StreamsException.class)
                    .hasStackTraceContaining("reading 13 cannot be processed");
        }
        try (TopologyTestDriver d = driver(ErrorHandlers.topology("in", "out"),
                Map.of(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class))) {
            var raw = d.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            var in = d.createInputTopic("in", new StringSerializer(), new LongSerializer());
            var out = d.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
            raw.pipeInput("bad", ErrorHandlers.MALFORMED);
            in.pipeInput("d1", 1L);
            assertThat(out.readKeyValuesToMap()).containsExactly(Map.entry("d1", 2L));
        }
    }

    @Test
    void withoutABrokerAFutureEventTimeIsAcceptedAndTheEdgeCheckRoutesIt() {
        // The driver has no broker and no message.timestamp.after.max.ms: the refusal is the broker's alone.
        long now = System.currentTimeMillis();
        long future = now + FutureTimestamps.AHEAD.toMillis();
        try (TopologyTestDriver d = driver(FutureTimestamps.topology("in", "out", "rejected",
                FutureTimestamps.Guard.NONE))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
            in.pipeInput("future", String.valueOf(future), now);
            assertThat(out.readRecord().timestamp()).isEqualTo(future);
        }
        try (TopologyTestDriver d = driver(FutureTimestamps.topology("in", "out", "rejected",
                FutureTimestamps.Guard.EDGE))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var out = d.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
            var rejected = d.createOutputTopic("rejected", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("d1", String.valueOf(now), now);
            in.pipeInput("future", String.valueOf(future), now);
            assertThat(out.readKeyValuesToMap()).containsOnlyKeys("d1");
            TestRecord<String, String> r = rejected.readRecord();
            assertThat(r.key()).isEqualTo("future");
            assertThat(r.timestamp()).isEqualTo(now);
        }
    }

    @Test
    void oldEventTimesStayInTheStoreTheirLossIsTheChangelogsRetention() {
        long old = System.currentTimeMillis() - OldEventTimes.AGE.toMillis();
        try (TopologyTestDriver d = driver(OldEventTimes.topology("in", Map.of(), new AtomicLong()))) {
            var in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            IntStream.range(0, 10).forEach(i -> in.pipeInput("k" + i, "v", old));
            WindowStore<String, Long> store = d.getWindowStore(OldEventTimes.STORE);
            long start = old - old % OldEventTimes.WINDOW.toMillis();
            assertThat(store.fetch("k3", start)).isEqualTo(1L);
        }
    }

    @Test
    void renamingTheStoreRenamesItsChangelog() {
        assertThat(StoreRename.topology("in", "out", "counts-v1").describe().toString()).contains("counts-v1");
        assertThat(StoreRename.topology("in", "out", "counts-v2").describe().toString()).contains("counts-v2")
                .doesNotContain("counts-v1");
    }
}
