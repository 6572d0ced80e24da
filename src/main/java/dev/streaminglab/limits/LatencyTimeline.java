package dev.streaminglab.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Processing delay (processed at minus sent at) by send time, in 100 ms buckets: a rebalance shows as a
 * spike, its height is the pause a record experienced.
 */
final class LatencyTimeline {
    static final long BUCKET_MS = 100;
    private final long startMs;
    private final ConcurrentSkipListMap<Long, Long> maxDelayByBucket = new ConcurrentSkipListMap<>();

    LatencyTimeline(long startMs) {
        this.startMs = startMs;
    }

    private final AtomicLong processed = new AtomicLong();

    long processed() {
        return processed.get();
    }

    void record(long sentAtMs) {
        processed.incrementAndGet();
        long delay = System.currentTimeMillis() - sentAtMs;
        maxDelayByBucket.merge((sentAtMs - startMs) / BUCKET_MS, delay, Math::max);
    }

    /** The longest delay of records sent between the two times (ms since start). */
    long maxDelay(long fromMs, long toMs) {
        return maxDelayByBucket.subMap(fromMs / BUCKET_MS, true, toMs / BUCKET_MS, false).values().stream()
                .mapToLong(Long::longValue).max().orElse(0);
    }

    long sinceStart() {
        return System.currentTimeMillis() - startMs;
    }

    Series series(String name) {
        Series.Builder b = new Series.Builder(name, "send time (s)", "processing delay (ms)");
        for (Map.Entry<Long, Long> e : maxDelayByBucket.entrySet()) {
            b.add(e.getKey() * BUCKET_MS / 1000.0, e.getValue());
        }
        return b.build();
    }
}
