package dev.streaminglab.process;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Pattern, final results two ways: per device, tumbling 1-minute windows with 30 s grace
 * ({@link WindowedAggregates#TUMBLING}), one result per window once it has closed. Same results, different machinery
 * ({@link Emit}). Reads {@code telemetry.enriched}; writes {@link WindowStats} to {@code patterns.device.1m.on-close}
 * or {@code patterns.device.1m.suppressed}, keyed by device. Notebook 06 runs both on the same input and compares
 * what each holds in memory and when each emits.
 */
public final class FinalWindows {
    /** How the final result of a window is held back until the window closes. */
    public enum Emit {
        /**
         * {@code emitStrategy(onWindowClose())} (KIP-825): the window store itself knows which windows closed; on a
         * record, at most once per second of wall-clock time, the aggregation emits those closed since its last
         * look. No buffer beside the store, but a window that closes within that second waits for the first record
         * after it (a replay burst closes many).
         */
        ON_WINDOW_CLOSE("on-window-close"),
        /**
         * {@code suppress(untilWindowCloses(unbounded()))} (KIP-328): the aggregation emits every update, and a
         * buffer on the heap (changelogged) keeps each open window's latest value until stream time closes it,
         * then emits it at once. The buffer costs heap per open window; unbounded, it grows with the keys.
         */
        SUPPRESS("suppressed");

        /** Names the variant's processors and store, so its metrics and {@code describe()} say which one ran. */
        public final String label;

        Emit(String label) {
            this.label = label;
        }
    }

    private FinalWindows() {
    }

    public static Topology buildTopology(TopicSet topics, Emit emit) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, emit);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics, Emit emit) {
        TimeWindowedKStream<String, EnrichedReading> windows = WindowedAggregates.enriched(builder, topics,
                        "enriched-" + emit.label)
                .groupByKey(Grouped.with(Serdes.String(), EnrichedReading.SERDE))
                .windowedBy(WindowedAggregates.TUMBLING);
        Materialized<String, StatsAccumulator, WindowStore<Bytes, byte[]>> store =
                Materialized.<String, StatsAccumulator, WindowStore<Bytes, byte[]>>as(emit.label + "-1m")
                        .withKeySerde(Serdes.String()).withValueSerde(StatsAccumulator.SERDE)
                        // The first look for closed windows walks the record cache one store segment at a time from
                        // epoch 0: with the default retention (size + grace, segments of 1 min), tens of seconds per
                        // task in Kafka Streams 4.3.1 (seen in PatternsTest); a day's retention makes 12 h segments.
                        .withRetention(WindowedAggregates.STORE_RETENTION);
        KTable<Windowed<String>, StatsAccumulator> finals = switch (emit) {
            case ON_WINDOW_CLOSE -> windows.emitStrategy(EmitStrategy.onWindowClose())
                    .aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r), Named.as(emit.label + "-aggregate"),
                            store);
            case SUPPRESS -> windows.aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r),
                            Named.as(emit.label + "-aggregate"), store)
                    .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                            .withName(emit.label + "-buffer"));
        };
        WindowedAggregates.publish(finals, emit.label,
                emit == Emit.ON_WINDOW_CLOSE ? topics.finalOnClose() : topics.finalSuppressed());
    }
}
