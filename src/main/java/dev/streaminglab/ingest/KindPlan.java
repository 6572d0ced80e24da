package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides the kind of each of {@code n} records so that the totals are exact (n × fraction, rounded) and the
 * positions random: each record draws a kind with probability remaining-of-that-kind / records-left (sequential
 * sampling without replacement). Malformed records split evenly over the malformed kinds, hostile ones over the
 * hostile kinds, the first kinds taking the remainder.
 */
final class KindPlan {
    private final SplittableRandom random;
    private final EnumMap<RecordKind, Long> remaining = new EnumMap<>(RecordKind.class);
    private long left;

    KindPlan(long n, double outOfOrder, double late, double malformed, double hostile, SplittableRandom random) {
        this.random = random;
        remaining.putAll(quotas(n, outOfOrder, late, malformed, hostile));
        left = n;
    }

    static Map<RecordKind, Long> quotas(long n, double outOfOrder, double late, double malformed, double hostile) {
        long ooo = Math.round(n * outOfOrder);
        long lateCount = Math.min(Math.round(n * late), n - ooo);
        long bad = Math.min(Math.round(n * malformed), n - ooo - lateCount);
        long hostileCount = Math.min(Math.round(n * hostile), n - ooo - lateCount - bad);
        EnumMap<RecordKind, Long> q = new EnumMap<>(RecordKind.class);
        q.put(RecordKind.VALID, n - ooo - lateCount - bad - hostileCount);
        q.put(RecordKind.OUT_OF_ORDER, ooo);
        q.put(RecordKind.LATE, lateCount);
        split(q, RecordKind.malformedKinds(), bad);
        split(q, RecordKind.hostileKinds(), hostileCount);
        return q;
    }

    private static void split(Map<RecordKind, Long> q, List<RecordKind> kinds, long total) {
        for (int i = 0; i < kinds.size(); i++) {
            q.put(kinds.get(i), total / kinds.size() + (i < total % kinds.size() ? 1 : 0));
        }
    }

    boolean hasNext() {
        return left > 0;
    }

    /**
     * The next record's kind. A late record needs an earlier on-time reading of its device to be late against, a
     * duplicate an earlier valid reading to repeat; until one exists ({@code historyAllowed} false), both are
     * postponed.
     */
    RecordKind next(boolean historyAllowed) {
        long waiting = remaining.get(RecordKind.LATE) + remaining.get(RecordKind.DUPLICATE);
        long pool = historyAllowed ? left : left - waiting;
        if (pool == 0) {
            throw new LabException("every remaining record is late or a duplicate, but no on-time reading came "
                    + "before them: lower --late or --hostile, or raise --count");
        }
        long pick = random.nextLong(pool);
        for (Map.Entry<RecordKind, Long> e : remaining.entrySet()) {
            if (!historyAllowed && needsHistory(e.getKey())) {
                continue;
            }
            if (pick < e.getValue()) {
                e.setValue(e.getValue() - 1);
                left--;
                return e.getKey();
            }
            pick -= e.getValue();
        }
        throw new IllegalStateException("plan exhausted");
    }

    private static boolean needsHistory(RecordKind k) {
        return k == RecordKind.LATE || k == RecordKind.DUPLICATE;
    }
}
