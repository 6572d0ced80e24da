package dev.streaminglab.measure;

import java.util.Locale;

/**
 * What the machine did while something was measured, sampled every second from /proc, in percent of all cores:
 * user and system time, time stolen by the hypervisor, and CPU used by processes that are not part of the
 * measurement (an IDE, another build, a second benchmark). {@code samples} is 0 where /proc is not readable.
 */
public record LoadSummary(int samples, double userPct, double systemPct, double stealPct, double outsidePct,
        double maxLoadAverage) {
    public static final LoadSummary NONE = new LoadSummary(0, 0, 0, 0, 0, 0);

    /** The busier of two summaries, figure by figure: what a row reports for its worst repetition. */
    public LoadSummary max(LoadSummary o) {
        return new LoadSummary(samples + o.samples, Math.max(userPct, o.userPct), Math.max(systemPct, o.systemPct),
                Math.max(stealPct, o.stealPct), Math.max(outsidePct, o.outsidePct),
                Math.max(maxLoadAverage, o.maxLoadAverage));
    }

    public String describe() {
        return samples == 0 ? "load not sampled" : String.format(Locale.ROOT,
                "cpu user %.0f %%, system %.0f %%, steal %.1f %%, outside processes %.1f %%, load average up to %.2f",
                userPct, systemPct, stealPct, outsidePct, maxLoadAverage);
    }
}
