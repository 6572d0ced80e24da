package dev.streaminglab.limits;

import dev.streaminglab.measure.LoadGuard;
import java.util.Locale;

/**
 * How big and how often an experiment runs. Quick mode proves the behaviour once with small data (it runs in the
 * default test suite, where the facts are asserted); full mode uses sizes that give figures worth quoting, repeats
 * every arm three times in a random order, redoes runs disturbed by outside load, and is what the committed results
 * come from. No unrecorded warm-up run: every run starts instances of its own (start-up is outside the timings),
 * and the random order spreads a cold first run over the arms instead of always charging the same one.
 */
public enum Mode {
    QUICK(1, false, LoadGuard.NONE),
    FULL(3, false, LoadGuard.DEFAULT);

    private final int repetitions;
    private final boolean warmUp;
    private final LoadGuard guard;

    Mode(int repetitions, boolean warmUp, LoadGuard guard) {
        this.repetitions = repetitions;
        this.warmUp = warmUp;
        this.guard = guard;
    }

    /**
     * A size that differs between the modes (records, keys, seconds), written once: experiments take it with
     * {@link #of} and their set-up text prints it with {@link #text}, so the two cannot disagree.
     */
    public record Size(int quick, int full) {
        public int of(Mode mode) {
            return mode == QUICK ? quick : full;
        }

        /** "20,000 (quick) or 100,000 (full)". */
        public String text() {
            return String.format(Locale.ROOT, "%,d (quick) or %,d (full)", quick, full);
        }
    }

    public int repetitions() {
        return repetitions;
    }

    /** One unrecorded run of each arm first, so class loading and JIT do not land in one arm's figures. */
    public boolean warmUp() {
        return warmUp;
    }

    public LoadGuard guard() {
        return guard;
    }

    public String label() {
        return name().toLowerCase();
    }
}
