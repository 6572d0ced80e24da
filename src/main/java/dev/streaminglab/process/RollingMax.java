package dev.streaminglab.process;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.domain.Windowing;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Pattern, sliding windows: the rolling 5-minute maximum temperature per device. Reads {@code telemetry.enriched},
 * writes {@link WindowStats} to {@code patterns.device.max.5m}, keyed by device ({@code temperatureMax} is the
 * rolling maximum; count, min and averages come with it).
 * <p>
 * A sliding window exists for every distinct set of readings that fit in {@link #SIZE}: one ending at each reading
 * ([t - 5 min, t], both bounds included), and one starting just after it ([t + 1 ms, t + 1 ms + 5 min]) for the
 * moment that reading drops out. Read by their ends, the windows give the rolling maximum as a step function of
 * time, without the duplicates a hopping window every second would compute. Each window is emitted once, when it
 * closes (end + grace in stream time: {@code emitStrategy(onWindowClose)}), so a reader sees no intermediate
 * values. Watch it: notebook 06, or {@code PatternsTest}.
 */
public final class RollingMax {
    public static final Duration SIZE = Duration.ofMinutes(5);
    public static final SlidingWindows WINDOWS = SlidingWindows.ofTimeDifferenceAndGrace(SIZE, Windowing.GRACE);
    public static final String STORE = "device-rolling-5m";

    private RollingMax() {
    }

    public static Topology buildTopology(TopicSet topics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        WindowedAggregates.publish(WindowedAggregates.enriched(builder, topics, "enriched-for-rolling-max")
                .groupByKey(Grouped.with(Serdes.String(), EnrichedReading.SERDE))
                .windowedBy(WINDOWS)
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r), Named.as("rolling-5m-aggregate"),
                        Materialized.<String, StatsAccumulator, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(StatsAccumulator.SERDE)),
                "rolling-5m", topics.rollingMax());
    }
}
