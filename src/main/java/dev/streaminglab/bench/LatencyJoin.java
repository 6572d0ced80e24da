package dev.streaminglab.bench;

import dev.streaminglab.domain.Windowing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * When each reading became visible to a dashboard user, and how long after it was created. The dashboard shows
 * per-device window statistics, not readings: an update of device d's window w with count c means the first c
 * readings of d in w (in send order: one device, one partition, in order) have been processed. So reading k of
 * (d, w) is visible at the first update of (d, w) whose count is at least k, and its latency is that moment minus
 * its creation time, which is also the moment it was due to be sent: latency from the intended send time, so a
 * loader or pipeline that falls behind shows it in full (no coordinated omission). Both clocks are this machine's.
 */
final class LatencyJoin {
    /** A reading as the loader created it: device, and creation time (its event time and intended send time). */
    record Sent(String device, long createdMs) {
        long windowStart() {
            return createdMs - Math.floorMod(createdMs, Windowing.TUMBLING.toMillis());
        }
    }

    /**
     * A device-window update as the dashboard client received it.
     *
     * @param writtenMs when Kafka stored the aggregate (its LogAppendTime)
     * @param dashboardMs when the dashboard read it from Kafka
     * @param clientMs when the client read it from the dashboard's event stream
     */
    record Update(String device, long windowStart, long count, long writtenMs, long dashboardMs, long clientMs) {
    }

    /** Latencies (ms) of the readings created in a time range, end to end and hop by hop, and those never seen. */
    record Outcome(Histogram endToEnd, Histogram pipeline, Histogram toDashboard, Histogram toClient, long readings,
            long missing) {
    }

    private LatencyJoin() {
    }

    /**
     * @param sent every reading of the run in send order (earlier loads included: counts run over whole windows)
     * @param fromMs, toMs the creation times measured: [fromMs, toMs)
     */
    static Outcome join(List<Sent> sent, List<Update> updates, long fromMs, long toMs) {
        Map<String, List<Update>> lists = new HashMap<>();
        for (Update u : updates) {
            lists.computeIfAbsent(u.device() + "@" + u.windowStart(), k -> new ArrayList<>()).add(u);
        }
        Map<String, Window> byWindow = new HashMap<>();
        lists.forEach((k, l) -> byWindow.put(k, new Window(l)));
        Map<String, Long> seen = new HashMap<>();
        Histogram e2e = histogram();
        Histogram pipeline = histogram();
        Histogram dashboard = histogram();
        Histogram client = histogram();
        long readings = 0;
        long missing = 0;
        for (Sent s : sent) {
            String key = s.device() + "@" + s.windowStart();
            long k = seen.merge(key, 1L, Long::sum);
            if (s.createdMs() < fromMs || s.createdMs() >= toMs) {
                continue;
            }
            readings++;
            Window w = byWindow.get(key);
            Update first = w == null ? null : w.firstCovering(k);
            if (first == null) {
                missing++;
                continue;
            }
            e2e.recordValue(Math.max(0, first.clientMs() - s.createdMs()));
            pipeline.recordValue(Math.max(0, first.writtenMs() - s.createdMs()));
            dashboard.recordValue(Math.max(0, first.dashboardMs() - first.writtenMs()));
            client.recordValue(Math.max(0, first.clientMs() - first.dashboardMs()));
        }
        return new Outcome(e2e, pipeline, dashboard, client, readings, missing);
    }

    /** One device-window's updates in the order the client read them, searchable by count. */
    private static final class Window {
        private final List<Update> updates;
        /** The highest count seen up to each update: what the user had seen by then. */
        private final long[] seenUpTo;

        Window(List<Update> updates) {
            this.updates = new ArrayList<>(updates);
            this.updates.sort(Comparator.comparingLong(Update::clientMs));
            seenUpTo = new long[this.updates.size()];
            long max = 0;
            for (int i = 0; i < seenUpTo.length; i++) {
                max = Math.max(max, this.updates.get(i).count());
                seenUpTo[i] = max;
            }
        }

        /** The first update by which reading k of the window had been counted, or null. */
        Update firstCovering(long k) {
            int lo = 0;
            int hi = seenUpTo.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (seenUpTo[mid] >= k) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo < seenUpTo.length ? updates.get(lo) : null;
        }
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000L, 3);
    }
}
