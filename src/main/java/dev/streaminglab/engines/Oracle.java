package dev.streaminglab.engines;

import dev.streaminglab.domain.Reading;
import dev.streaminglab.engines.JobWindow.WindowKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact truth of a run, computed from the input alone: which windows close (with count, min, max and
 * average), which record closes each, and which records go to the dead-letter topic with which reason.
 * Refusal reasons come from what the generator meant ({@link JobInput.Record#intent}), not from any engine's
 * validation; lateness and windows follow the rule of docs/evaluation/job.md, record by record.
 */
public final class Oracle {
    /**
     * @param windows every window that closes, by key
     * @param closingIndex for each window, the position in the input of the record that closed it
     * @param deadLetters the dead-letter records, as identities (reason, key, value)
     * @param open windows still open at the end (the closing reading's own): no engine may emit them
     */
    public record Expected(Map<WindowKey, JobWindow> windows, Map<WindowKey, Integer> closingIndex,
            List<DeadLetter> deadLetters, List<WindowKey> open) {
        public Map<JobReason, Long> deadLettersByReason() {
            Map<JobReason, Long> m = new EnumMap<>(JobReason.class);
            for (JobReason r : JobReason.values()) {
                m.put(r, 0L);
            }
            deadLetters.forEach(d -> m.merge(d.reason(), 1L, Long::sum));
            return m;
        }

        public long late() {
            return deadLettersByReason().get(JobReason.LATE);
        }

        public long accepted() {
            return windows.values().stream().mapToLong(JobWindow::count).sum();
        }
    }

    /** A dead letter's identity: the reason and the original key and value (Base64; "null" for a tombstone). */
    public record DeadLetter(JobReason reason, String key, String value) {
        public static DeadLetter of(JobReason reason, String key, byte[] value) {
            return new DeadLetter(reason, key, value == null ? "null" : Base64.getEncoder().encodeToString(value));
        }
    }

    private Oracle() {
    }

    public static Expected compute(List<JobInput.Record> input, Map<String, String> siteOfDevice) {
        Map<WindowKey, Acc> open = new TreeMap<>();
        Map<WindowKey, JobWindow> closed = new HashMap<>();
        Map<WindowKey, Integer> closingIndex = new HashMap<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        long streamTime = Long.MIN_VALUE;
        for (int i = 0; i < input.size(); i++) {
            JobInput.Record r = input.get(i);
            if (r.intent() != null) {
                deadLetters.add(DeadLetter.of(r.intent(), r.key(), r.value()));
                continue;
            }
            Reading reading = r.reading();
            if (JobSpec.late(reading.timestamp(), streamTime)) {
                deadLetters.add(DeadLetter.of(JobReason.LATE, r.key(), r.value()));
                continue;
            }
            String site = siteOfDevice.get(reading.deviceId());
            long start = JobSpec.windowStart(reading.timestamp());
            open.computeIfAbsent(new WindowKey(site, start), k -> new Acc()).add(reading.temperature());
            streamTime = Math.max(streamTime, reading.timestamp());
            for (Iterator<Map.Entry<WindowKey, Acc>> it = open.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<WindowKey, Acc> e = it.next();
                long end = e.getKey().windowStart() + JobSpec.WINDOW.toMillis();
                if (!JobSpec.closed(end, streamTime)) {
                    break;
                }
                closed.put(e.getKey(), e.getValue().window(e.getKey(), end));
                closingIndex.put(e.getKey(), i);
                it.remove();
            }
        }
        return new Expected(closed, closingIndex, deadLetters, List.copyOf(open.keySet()));
    }

    /** Sums in input order; the average is sum / count, as engines compute it (compared with a tolerance). */
    private static final class Acc {
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double t) {
            count++;
            sum += t;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }

        JobWindow window(WindowKey k, long end) {
            return new JobWindow(k.site(), k.windowStart(), end, count, min, max, sum / count);
        }
    }
}
