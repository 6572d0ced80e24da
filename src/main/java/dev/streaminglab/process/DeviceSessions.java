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
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Pattern, session windows: a device's activity sessions. A session is a run of readings with no gap longer than
 * {@link #INACTIVITY_GAP}; it grows with every reading and ends when the device stays quiet that long (in event
 * time). Reads {@code telemetry.enriched}, writes one {@link WindowStats} per finished session to
 * {@code patterns.device.sessions}, keyed by device: from its first reading to its last (both included, unlike
 * time windows, whose end is exclusive), how many readings, min/avg/max.
 * <p>
 * Unlike fixed windows, a session's bounds come from the data: a late reading that falls within the gap of two
 * sessions merges them into one. Each session is emitted once, when it is closed (its last reading + gap + grace
 * passed in stream time), since an open session may still grow or merge: by {@code suppress}, because
 * {@code emitStrategy(onWindowClose)} on session windows emitted nothing at all under Kafka Streams 4.3.1's
 * TopologyTestDriver (it works there on time and sliding windows: {@link FinalWindows}, {@link RollingMax}).
 * Watch it: notebook 06, or {@code PatternsTest}.
 */
public final class DeviceSessions {
    /** As long as a silence that raises an alert: a device quiet that long has ended its session. */
    public static final Duration INACTIVITY_GAP = Alerts.SILENCE_AFTER;
    public static final SessionWindows WINDOWS = SessionWindows.ofInactivityGapAndGrace(INACTIVITY_GAP,
            Windowing.GRACE);
    public static final String STORE = "device-sessions";

    private DeviceSessions() {
    }

    public static Topology buildTopology(TopicSet topics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        KTable<Windowed<String>, StatsAccumulator> sessions = WindowedAggregates.enriched(builder, topics,
                        "enriched-for-sessions")
                .groupByKey(Grouped.with(Serdes.String(), EnrichedReading.SERDE))
                .windowedBy(WINDOWS)
                .aggregate(StatsAccumulator::empty, (k, r, acc) -> acc.add(r), (k, a, b) -> a.merge(b),
                        Named.as("session-aggregate"), Materialized.<String, StatsAccumulator, SessionStore<Bytes, byte[]>>as(
                                STORE).withKeySerde(Serdes.String()).withValueSerde(StatsAccumulator.SERDE))
                // Merged sessions leave tombstones upstream; final results drop them, so each session comes once.
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("sessions-until-closed"));
        WindowedAggregates.publish(sessions, "sessions", topics.sessions());
    }
}
