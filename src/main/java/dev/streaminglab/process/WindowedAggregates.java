package dev.streaminglab.process;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.domain.Windowing;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Stage 3, windowed statistics over {@code telemetry.enriched}, by event time ({@link EventTimeExtractor}):
 * <ul>
 * <li>per device, tumbling 1 min: {@code aggregates.device.1m} on every update, and
 * {@code aggregates.device.1m.final} once per window when it closes (window end + 30 s grace; suppress);</li>
 * <li>per site, tumbling 1 min ({@code aggregates.site.1m}) and hopping 5 min advancing 1 min
 * ({@code aggregates.site.5m}), on every update.</li>
 * </ul>
 * Values are {@link WindowStats} keyed by device id or site; windows are [windowStart, windowEnd) in epoch ms.
 * Records too late for an aggregation go to {@code telemetry.late} ({@link LateRecords}), never dropped unseen; each
 * aggregation judges lateness by its own windows, so a reading can be late for {@code site.1m} and on time for
 * {@code site.5m}.
 * The window stores ({@link #DEVICE_1M_STORE}, {@link #SITE_1M_STORE}, {@link #SITE_5M_STORE}) are what the
 * interactive queries of {@code dev.streaminglab.serve} read.
 * <p>
 * "On update" is what a dashboard wants (a value now, refined later); "final" is what billing or a report
 * wants (one number per window, never revised), paid for with one window plus grace of delay.
 */
public final class WindowedAggregates {
    public static final String STAGE = "windowed-aggregates";
    public static final String DEVICE_1M_STORE = "device-1m";
    public static final String SITE_1M_STORE = "site-1m";
    public static final String SITE_5M_STORE = "site-5m";
    /**
     * How long window stores keep windows (by stream time), i.e. how far back interactive queries reach. Kafka
     * Streams' default is window size + grace, which would leave a dashboard only the last minute or two.
     */
    public static final Duration STORE_RETENTION = Duration.ofDays(1);
    public static final TimeWindows TUMBLING = TimeWindows.ofSizeAndGrace(Windowing.TUMBLING, Windowing.GRACE);
    public static final TimeWindows HOPPING = TimeWindows.ofSizeAndGrace(Windowing.HOPPING_SIZE, Windowing.GRACE)
            .advanceBy(Windowing.HOPPING_ADVANCE);

    private WindowedAggregates() {
    }

    public static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, TopicSet.STANDARD);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        KStream<String, EnrichedReading> enriched = enriched(builder, topics, "enriched");

        KTable<Windowed<String>, StatsAccumulator> perDevice = LateRecords
                .routeLate(enriched, LateHeaders.DEVICE_1M, TUMBLING, EnrichedReading.SERDE, topics.late())
                .groupByKey(Grouped.with("by-device", Serdes.String(), EnrichedReading.SERDE))
                .windowedBy(TUMBLING)
                .aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r), Named.as("device-1m-aggregate"),
                        store(DEVICE_1M_STORE));
        publish(perDevice, "device-1m", topics.device1m());
        publish(perDevice.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                .withName("device-1m-until-closed")), "device-1m-final", topics.device1mFinal());

        // Sites span many devices, hence partitions: re-key by site so each site's readings meet in one task.
        KStream<String, EnrichedReading> bySite = enriched
                .selectKey((deviceId, r) -> r.site(), Named.as("key-by-site"))
                .repartition(Repartitioned.with(Serdes.String(), EnrichedReading.SERDE).withName("by-site"));
        // Each aggregation applies its own windows' rule: a reading 2 minutes late is too late for its 1-minute
        // window but still belongs to 3 open hopping windows.
        publish(sites(bySite, LateHeaders.SITE_1M, TUMBLING, topics)
                .windowedBy(TUMBLING).aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r),
                        Named.as("site-1m-aggregate"), store(SITE_1M_STORE)), "site-1m", topics.site1m());
        publish(sites(bySite, LateHeaders.SITE_5M, HOPPING, topics)
                .windowedBy(HOPPING).aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r),
                        Named.as("site-5m-aggregate"), store(SITE_5M_STORE)), "site-5m", topics.site5m());
    }

    private static KGroupedStream<String, EnrichedReading> sites(KStream<String, EnrichedReading> bySite,
            String aggregate, TimeWindows windows, TopicSet topics) {
        return LateRecords.routeLate(bySite, aggregate, windows, EnrichedReading.SERDE, topics.late())
                .groupByKey(Grouped.with(aggregate + "-by-site", Serdes.String(), EnrichedReading.SERDE));
    }

    private static Materialized<String, StatsAccumulator, WindowStore<Bytes, byte[]>> store(String name) {
        return Materialized.<String, StatsAccumulator, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String()).withValueSerde(StatsAccumulator.SERDE).withRetention(STORE_RETENTION);
    }

    /** {@code telemetry.enriched} by event time, from a source named {@code name}. */
    static KStream<String, EnrichedReading> enriched(StreamsBuilder builder, TopicSet topics, String name) {
        return builder.stream(topics.enriched(), Consumed.with(Serdes.String(), EnrichedReading.SERDE)
                .withTimestampExtractor(new EventTimeExtractor()).withName(name));
    }

    /** Each window's statistics to {@code topic}, keyed by the window's key (device or site). */
    static void publish(KTable<Windowed<String>, StatsAccumulator> table, String name, String topic) {
        table.toStream(Named.as(name + "-changes"))
                .map((w, acc) -> KeyValue.pair(w.key(), acc.toStats(w.key(), w.window().start(), w.window().end())), Named.as(name + "-stats"))
                .to(topic, Produced.with(Serdes.String(), WindowStats.SERDE));
    }
}
