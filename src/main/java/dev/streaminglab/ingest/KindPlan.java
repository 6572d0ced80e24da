package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides the kind of each of {@code n} records so that the totals are exact (n × fraction, rounded) and the
 * positions random: each record draws a kind with probability remaining-of-that-kind / records-left (sequential
 * sampling without replacement). Malformed records split evenly over the dead-letter reasons, the first
 * reasons taking the remainder.
 */
final class KindPlan {
    private final SplittableRandom random;
    private final EnumMap<RecordKind, Long> remaining = new EnumMap<>(RecordKind.class);
    private long left;

    KindPlan(long n, double outOfOrder, double late, double malformed, SplittableRandom random) {
        this.random = random;
        remaining.putAll(quotas(n, outOfOrder, late, malformed));
        left = n;
    }

    static Map<RecordKind, Long> quotas(long n, double outOfOrder, double late, double malformed) {
        long ooo = Math.round(n * outOfOrder);
        long lateCount = Math.min(Math.round(n * late), n - ooo);
        long bad = Math.min(Math.round(n * malformed), n - ooo - lateCount);
        EnumMap<RecordKind, Long> q = new EnumMap<>(RecordKind.class);
        q.put(RecordKind.VALID, n - ooo - lateCount - bad);
        q.put(RecordKind.OUT_OF_ORDER, ooo);
        q.put(RecordKind.LATE, lateCount);
        List<RecordKind> kinds = RecordKind.malformedKinds();
        for (int i = 0; i < kinds.size(); i++) {
            q.put(kinds.get(i), bad / kinds.size() + (i < bad % kinds.size() ? 1 : 0));
        }
        return q;
    }

    boolean hasNext() {
        return left > 0;
    }

    /**
     * The next record's kind. A late record needs an earlier on-time reading of its device to be late against;
     * until one exists ({@code lateAllowed} false), late records are postponed.
     */
    RecordKind next(boolean lateAllowed) {
        long lateLeft = remaining.get(RecordKind.LATE);
        long pool = lateAllowed ? left : left - lateLeft;
        if (pool == 0) {
            throw new LabException("every remaining record is late, but no on-time reading came before them: "
                    + "lower --late or raise --count");
        }
        long pick = random.nextLong(pool);
        for (Map.Entry<RecordKind, Long> e : remaining.entrySet()) {
            if (!lateAllowed && e.getKey() == RecordKind.LATE) {
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
}
