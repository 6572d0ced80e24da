package dev.streaminglab.serve;

import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.process.StatsAccumulator;
import dev.streaminglab.process.WindowedAggregates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's own window stores (only the partitions it hosts; {@link QueryServer} forwards other
 * keys to their owner). Results are the same {@link WindowStats} the aggregate topics carry.
 */
public final class AggregateQueries {
    private final KafkaStreams streams;

    public AggregateQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Readings stamped this far in the future are still found by {@link #latestForDevice}. The range must be
     * bounded: the store's cache walks it segment by segment (12 h each), so "up to Long.MAX_VALUE" would
     * spin for minutes.
     */
    static final Duration FUTURE_REACH = Duration.ofDays(365);

    /** The device's newest 1-minute window, if this instance holds any for it. */
    public Optional<WindowStats> latestForDevice(String deviceId) {
        try (WindowStoreIterator<StatsAccumulator> it = store(WindowedAggregates.DEVICE_1M_STORE)
                .backwardFetch(deviceId, Instant.EPOCH, Instant.now().plus(FUTURE_REACH))) {
            if (!it.hasNext()) {
                return Optional.empty();
            }
            KeyValue<Long, StatsAccumulator> kv = it.next();
            return Optional.of(stats(deviceId, kv));
        }
    }

    /** The site's 1-minute windows whose start lies in [from, to], oldest first. */
    public List<WindowStats> siteWindows(String site, Instant from, Instant to) {
        List<WindowStats> result = new ArrayList<>();
        try (WindowStoreIterator<StatsAccumulator> it = store(WindowedAggregates.SITE_1M_STORE).fetch(site, from, to)) {
            it.forEachRemaining(kv -> result.add(stats(site, kv)));
        }
        return result;
    }

    private static WindowStats stats(String key, KeyValue<Long, StatsAccumulator> kv) {
        return kv.value.toStats(key, kv.key, kv.key + WindowedAggregates.TUMBLING.size());
    }

    private ReadOnlyWindowStore<String, StatsAccumulator> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, StatsAccumulator>windowStore()));
    }
}
