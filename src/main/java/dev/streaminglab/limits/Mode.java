package dev.streaminglab.limits;

/**
 * How big an experiment runs. Quick mode proves the behaviour with small data (it runs in the default test
 * suite, so every experiment stays within seconds); full mode uses sizes that give figures worth quoting.
 */
public enum Mode {
    QUICK,
    FULL;

    /** Picks the size for this mode. */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }
}
