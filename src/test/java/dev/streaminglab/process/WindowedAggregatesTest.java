package dev.streaminglab.process;

import static dev.streaminglab.process.TestDrivers.T0;
import static dev.streaminglab.process.TestDrivers.enriched;
import static dev.streaminglab.process.TestDrivers.sec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.HeaderText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class WindowedAggregatesTest {
    private static final long MIN = 60_000;

    private static TestInputTopic<String, EnrichedReading> input(TopologyTestDriver d) {
        return d.createInputTopic(TopicNames.TELEMETRY_ENRICHED, Serdes.String().serializer(),
                EnrichedReading.SERDE.serializer());
    }

    private static TestOutputTopic<String, WindowStats> output(TopologyTestDriver d, String topic) {
        return d.createOutputTopic(topic, Serdes.String().deserializer(), WindowStats.SERDE.deserializer());
    }

    private static void send(TestInputTopic<String, EnrichedReading> in, EnrichedReading r) {
        in.pipeInput(r.deviceId(), r, r.timestamp());
    }

    @Test
    void tumblingDeviceWindowsWithGraceAndLateRecords() {
        try (TopologyTestDriver d = TestDrivers.driver(WindowedAggregates.buildTopology())) {
            var in = input(d);
            send(in, enriched("d1", "s1", sec(10), 20, 40));
            send(in, enriched("d1", "s1", sec(20), 22, 42));
            send(in, enriched("d1", "s1", sec(50), 21, 41));
            send(in, enriched("d1", "s1", sec(60), 28, 50));      // window start is inclusive: second window
            send(in, enriched("d1", "s1", sec(89.999), 30, 50));  // stream time 89.999 s: first window still open
            send(in, enriched("d1", "s1", sec(40), 23, 43));      // out of order, within grace: counted
            send(in, enriched("d1", "s1", sec(90), 26, 50));      // stream time 90 s = end 60 s + grace: closes it
            send(in, enriched("d1", "s1", sec(59.999), 99, 99));  // too late for [0 s, 60 s): routed, not counted

            List<WindowStats> finals = output(d, TopicNames.AGGREGATES_DEVICE_1M_FINAL).readValuesToList();
            assertThat(finals).containsExactly(new WindowStats("d1", T0, T0 + MIN, 4, 20, 23, 21.5, 41.5));

            Map<Long, WindowStats> latest = latestByWindow(output(d, TopicNames.AGGREGATES_DEVICE_1M));
            assertThat(latest).containsOnlyKeys(T0, T0 + MIN);
            assertThat(latest.get(T0)).isEqualTo(new WindowStats("d1", T0, T0 + MIN, 4, 20, 23, 21.5, 41.5));
            assertThat(latest.get(T0 + MIN)).isEqualTo(new WindowStats("d1", T0 + MIN, T0 + 2 * MIN, 3, 26, 30, 28, 50));

            var late = d.createOutputTopic(TopicNames.LATE, Serdes.String().deserializer(),
                    EnrichedReading.SERDE.deserializer()).readRecordsToList();
            // Late for the device window and, after the repartition by site, for the site window too.
            assertThat(late).extracting(r -> HeaderText.get(r.headers(), LateHeaders.AGGREGATE))
                    .containsExactlyInAnyOrder(LateHeaders.DEVICE_1M, LateHeaders.SITE_1M);
            assertThat(late).allSatisfy(r -> {
                assertThat(r.value().temperature()).isEqualTo(99);
                assertThat(HeaderText.get(r.headers(), LateHeaders.WINDOW_END)).isEqualTo(Long.toString(T0 + MIN));
                assertThat(HeaderText.get(r.headers(), LateHeaders.STREAM_TIME)).isEqualTo(Long.toString(sec(90)));
            });
            assertThat(LateRecords.total(d.metrics())).isEqualTo(2);
        }
    }

    @Test
    void siteWindowsTumblingAndHopping() {
        try (TopologyTestDriver d = TestDrivers.driver(WindowedAggregates.buildTopology())) {
            var in = input(d);
            send(in, enriched("d1", "s1", sec(10), 20, 40));
            send(in, enriched("d2", "s1", sec(70), 24, 44));
            send(in, enriched("d3", "s2", sec(75), 10, 30));

            Map<String, WindowStats> site1m = new TreeMap<>();
            output(d, TopicNames.AGGREGATES_SITE_1M).readValuesToList()
                    .forEach(s -> site1m.put(s.key() + "@" + (s.windowStart() - T0) / MIN, s));
            assertThat(site1m).containsOnlyKeys("s1@0", "s1@1", "s2@1");
            assertThat(site1m.get("s1@1")).isEqualTo(new WindowStats("s1", T0 + MIN, T0 + 2 * MIN, 1, 24, 24, 24, 44));

            Map<String, WindowStats> site5m = new TreeMap<>();
            output(d, TopicNames.AGGREGATES_SITE_5M).readValuesToList()
                    .forEach(s -> site5m.put(s.key() + "@" + (s.windowStart() - T0) / MIN, s));
            // A reading belongs to the 5 windows whose start lies in (t - 5 min, t], one per minute.
            assertThat(site5m).containsOnlyKeys("s1@-4", "s1@-3", "s1@-2", "s1@-1", "s1@0", "s1@1",
                    "s2@-3", "s2@-2", "s2@-1", "s2@0", "s2@1");
            assertThat(site5m.get("s1@-4")).isEqualTo(new WindowStats("s1", T0 - 4 * MIN, T0 + MIN, 1, 20, 20, 20, 40));
            assertThat(site5m.get("s1@0")).isEqualTo(new WindowStats("s1", T0, T0 + 5 * MIN, 2, 20, 24, 22, 42));
            assertThat(site5m.get("s1@1")).isEqualTo(new WindowStats("s1", T0 + MIN, T0 + 6 * MIN, 1, 24, 24, 24, 44));
        }
    }

    /**
     * The late check must agree with Kafka Streams' own rule: a bare windowed count (no late routing) over the
     * same shuffled input drops exactly as many records as we route, and counts the same per window.
     */
    @Test
    void lateDetectionAgreesWithKafkaStreamsDropRule() {
        Random random = new Random(42);
        List<EnrichedReading> readings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Mostly advancing time with jitter of up to 2 minutes backwards: many in-grace, many too late.
            long ts = T0 + i * 1000L - random.nextInt(120_000);
            readings.add(enriched("d" + random.nextInt(3), "s1", ts, 20 + random.nextInt(10), 40));
        }

        StreamsBuilder bare = new StreamsBuilder();
        bare.stream(TopicNames.TELEMETRY_ENRICHED, Consumed.with(Serdes.String(), EnrichedReading.SERDE)
                        .withTimestampExtractor(new EventTimeExtractor()))
                .groupByKey(Grouped.with(Serdes.String(), EnrichedReading.SERDE))
                .windowedBy(WindowedAggregates.TUMBLING)
                .count(Materialized.as("bare"));

        Map<String, Long> bareCounts;
        long bareDropped;
        try (TopologyTestDriver d = TestDrivers.driver(bare.build())) {
            var in = input(d);
            readings.forEach(r -> send(in, r));
            bareCounts = counts(d.<String, Long>getWindowStore("bare").all(), c -> c);
            bareDropped = d.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dropped-records-total"))
                    .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue()).sum();
        }
        try (TopologyTestDriver d = TestDrivers.driver(WindowedAggregates.buildTopology())) {
            var in = input(d);
            readings.forEach(r -> send(in, r));
            Map<String, Long> ours = counts(d.<String, StatsAccumulator>getWindowStore(WindowedAggregates.DEVICE_1M_STORE)
                    .all(), StatsAccumulator::count);
            long routed = d.createOutputTopic(TopicNames.LATE, Serdes.String().deserializer(),
                    EnrichedReading.SERDE.deserializer()).readRecordsToList().stream()
                    .filter(r -> HeaderText.get(r.headers(), LateHeaders.AGGREGATE).equals(LateHeaders.DEVICE_1M)).count();

            assertThat(bareDropped).as("the input must exercise the rule").isGreaterThan(20);
            assertThat(routed).isEqualTo(bareDropped);
            assertThat(ours).isEqualTo(bareCounts);
        }
    }

    private static <V> Map<String, Long> counts(KeyValueIterator<Windowed<String>, V> it,
            Function<V, Long> count) {
        Map<String, Long> m = new TreeMap<>();
        try (it) {
            it.forEachRemaining(kv -> m.put(kv.key.key() + "@" + kv.key.window().start(), count.apply(kv.value)));
        }
        return m;
    }

    private static Map<Long, WindowStats> latestByWindow(TestOutputTopic<String, WindowStats> out) {
        Map<Long, WindowStats> m = new TreeMap<>();
        for (KeyValue<String, WindowStats> kv : out.readKeyValuesToList()) {
            m.put(kv.value.windowStart(), kv.value);
        }
        return m;
    }
}
