package dev.streaminglab.measure;

/**
 * When a repetition counts as disturbed by something outside the measurement and is redone: more than
 * {@code maxOutsidePct} of the machine's CPU used by other processes, or more than {@code maxStealPct} stolen by
 * the hypervisor. After {@code maxRedos} redos of one repetition the last is kept, marked disturbed.
 */
public record LoadGuard(double maxOutsidePct, double maxStealPct, int maxRedos) {
    /** 10 % of the machine (a fifth of a core on two) is more than background daemons use. */
    public static final LoadGuard DEFAULT = new LoadGuard(10, 5, 2);
    /** For quick checks where figures are not quoted: nothing is redone. */
    public static final LoadGuard NONE = new LoadGuard(100, 100, 0);

    public boolean disturbed(LoadSummary load) {
        return load.samples() > 0 && (load.outsidePct() > maxOutsidePct || load.stealPct() > maxStealPct);
    }
}
