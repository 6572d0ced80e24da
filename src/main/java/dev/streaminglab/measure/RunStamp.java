package dev.streaminglab.measure;

import java.time.Instant;
import java.util.Locale;

/**
 * Where a results file comes from: what ran (benchmark, limits, engines), in which profile, when, at which commit,
 * on which machine. Every results file and every chart footer carries one.
 */
public record RunStamp(String kind, String profile, String startedAt, double durationSeconds, CommitStamp commit,
        MachineFacts machine) {

    /** Stamps a run starting now; {@link #finished()} sets its duration. */
    public static RunStamp start(String kind, String profile) {
        return new RunStamp(kind, profile, Instant.now().toString(), 0, CommitStamp.current(), MachineFacts.collect());
    }

    public RunStamp finished() {
        return new RunStamp(kind, profile, startedAt, (System.currentTimeMillis()
                - Instant.parse(startedAt).toEpochMilli()) / 1000.0, commit, machine);
    }

    /** "bench full · commit 1a2b3c4d5e6f · 2026-12-02 · 2 cores, 24 GiB, ...": a chart's footer. */
    public String footer() {
        return String.format(Locale.ROOT, "%s %s · commit %s · %s · %s", kind, profile, commit, startedAt.substring(0, 10),
                machine.describe());
    }
}
