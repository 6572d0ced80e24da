package dev.streaminglab.process;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.JsonSerde;
import dev.streaminglab.domain.WindowStats;
import org.apache.kafka.common.serialization.Serde;

/**
 * What a window store keeps per window: sums rather than averages, so adding a reading is exact and cheap;
 * {@link #toStats} derives the published {@link WindowStats}. Min and max are meaningless while count is 0.
 */
public record StatsAccumulator(long count, double temperatureSum, double temperatureMin, double temperatureMax,
        double humiditySum) {
    public static final Serde<StatsAccumulator> SERDE = JsonSerde.of(StatsAccumulator.class);

    public static StatsAccumulator empty() {
        return new StatsAccumulator(0, 0, 0, 0, 0);
    }

    public StatsAccumulator add(EnrichedReading r) {
        double t = r.temperature();
        return new StatsAccumulator(count + 1, temperatureSum + t, count == 0 ? t : Math.min(temperatureMin, t),
                count == 0 ? t : Math.max(temperatureMax, t), humiditySum + r.humidity());
    }

    /** Both windows' readings together: session windows merge when a reading bridges their gap. */
    public StatsAccumulator merge(StatsAccumulator o) {
        if (count == 0 || o.count == 0) {
            return count == 0 ? o : this;
        }
        return new StatsAccumulator(count + o.count, temperatureSum + o.temperatureSum,
                Math.min(temperatureMin, o.temperatureMin), Math.max(temperatureMax, o.temperatureMax),
                humiditySum + o.humiditySum);
    }

    public WindowStats toStats(String key, long windowStart, long windowEnd) {
        return new WindowStats(key, windowStart, windowEnd, count, temperatureMin, temperatureMax,
                temperatureSum / count, humiditySum / count);
    }
}
