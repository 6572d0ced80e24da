package dev.streaminglab.limits;

import dev.streaminglab.measure.LoadGuard;

/**
 * How big and how often an experiment runs. Quick mode proves the behaviour once with small data (it runs in the
 * default test suite, where the facts are asserted); full mode uses sizes that give figures worth quoting,
 * repeats every arm, redoes runs disturbed by outside load, and is what the committed results come from.
 */
public enum Mode {
    QUICK(1, false, LoadGuard.NONE),
    FULL(3, true, LoadGuard.DEFAULT);

    private final int repetitions;
    private final boolean warmUp;
    private final LoadGuard guard;

    Mode(int repetitions, boolean warmUp, LoadGuard guard) {
        this.repetitions = repetitions;
        this.warmUp = warmUp;
        this.guard = guard;
    }

    /** Picks the size for this mode. */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
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
