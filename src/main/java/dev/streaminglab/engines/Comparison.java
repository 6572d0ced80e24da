package dev.streaminglab.engines;

import dev.streaminglab.engines.JobWindow.WindowKey;
import dev.streaminglab.engines.Oracle.DeadLetter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An engine's output against the oracle, window by window and dead letter by dead letter.
 *
 * @param matched windows emitted with the expected count, min, max and average (average within
 *     {@link #AVG_TOLERANCE}: engines add in different orders)
 * @param missing expected windows never emitted
 * @param wrong windows whose first emission differs from the truth
 * @param duplicated emissions beyond the first of a window
 * @param unexpected emitted windows the truth does not have (e.g. a window emitted before it closed)
 * @param deadLettersMissing expected dead letters (reason, key, value) not found
 * @param deadLettersExtra dead letters beyond the expected ones (duplicates, or a wrong reason)
 * @param examples a few discrepancies, for people
 */
public record Comparison(int expected, int matched, int missing, int wrong, int duplicated, int unexpected,
        Map<JobReason, Long> expectedDeadLetters, Map<JobReason, Long> actualDeadLetters, long deadLettersMissing,
        long deadLettersExtra, List<String> examples) {
    public static final double AVG_TOLERANCE = 1e-6;
    private static final int MAX_EXAMPLES = 5;

    public boolean exact() {
        return matched == expected && missing == 0 && wrong == 0 && duplicated == 0 && unexpected == 0
                && deadLettersMissing == 0 && deadLettersExtra == 0;
    }

    public static Comparison of(Oracle.Expected truth, List<JobWindow> windows, List<DeadLetter> deadLetters) {
        List<String> examples = new ArrayList<>();
        Map<WindowKey, JobWindow> first = new HashMap<>();
        int duplicated = 0;
        int unexpected = 0;
        for (JobWindow w : windows) {
            if (first.putIfAbsent(w.key(), w) != null) {
                duplicated++;
                example(examples, "duplicated " + w);
            } else if (!truth.windows().containsKey(w.key())) {
                unexpected++;
                example(examples, "unexpected " + w);
            }
        }
        int matched = 0;
        int missing = 0;
        int wrong = 0;
        for (JobWindow want : truth.windows().values()) {
            JobWindow got = first.get(want.key());
            if (got == null) {
                missing++;
                example(examples, "missing " + want);
            } else if (same(want, got)) {
                matched++;
            } else {
                wrong++;
                example(examples, "wrong " + got + ", expected " + want);
            }
        }
        Map<DeadLetter, Long> expectedLetters = new HashMap<>();
        truth.deadLetters().forEach(d -> expectedLetters.merge(d, 1L, Long::sum));
        long extra = 0;
        Set<DeadLetter> seenExtra = new HashSet<>();
        for (DeadLetter d : deadLetters) {
            Long left = expectedLetters.get(d);
            if (left == null || left == 0) {
                extra++;
                if (seenExtra.add(d)) {
                    example(examples, "extra dead letter " + d.reason() + " key " + d.key());
                }
            } else {
                expectedLetters.put(d, left - 1);
            }
        }
        long lettersMissing = expectedLetters.values().stream().mapToLong(Long::longValue).sum();
        expectedLetters.forEach((d, n) -> {
            if (n > 0) {
                example(examples, "missing dead letter " + d.reason() + " key " + d.key());
            }
        });
        return new Comparison(truth.windows().size(), matched, missing, wrong, duplicated, unexpected,
                truth.deadLettersByReason(), byReason(deadLetters), lettersMissing, extra, List.copyOf(examples));
    }

    static boolean same(JobWindow a, JobWindow b) {
        return a.site().equals(b.site()) && a.windowStart() == b.windowStart() && a.windowEnd() == b.windowEnd()
                && a.count() == b.count() && a.min() == b.min() && a.max() == b.max()
                && Math.abs(a.avg() - b.avg()) <= AVG_TOLERANCE;
    }

    private static Map<JobReason, Long> byReason(List<DeadLetter> letters) {
        Map<JobReason, Long> m = new EnumMap<>(JobReason.class);
        for (JobReason r : JobReason.values()) {
            m.put(r, 0L);
        }
        letters.forEach(d -> m.merge(d.reason(), 1L, Long::sum));
        return m;
    }

    private static void example(List<String> examples, String s) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(s);
        }
    }

    /** One line for people: "144/144 windows, 0 missing, ...". */
    public String summary() {
        return String.format("%d/%d windows matched, %d missing, %d wrong, %d duplicated, %d unexpected; dead letters: "
                + "%d missing, %d extra", matched, expected, missing, wrong, duplicated, unexpected, deadLettersMissing,
                deadLettersExtra);
    }
}
