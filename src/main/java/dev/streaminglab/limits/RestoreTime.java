package dev.streaminglab.limits;

import dev.streaminglab.costs.RestoreCost;
import dev.streaminglab.costs.Rig;
import dev.streaminglab.costs.StreamsSetup;
import dev.streaminglab.measure.Row;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Restore time against store size, measured the one way the kit measures it (the benchmark calls the same
 * {@link RestoreCost}): an instance that lost its local state rebuilds each store from its changelog before it
 * processes anything; timed from the first restore's start to RUNNING, in a fresh JVM per repetition.
 */
final class RestoreTime implements Experiment {
    static final List<Integer> QUICK_KEYS = List.of(10_000);
    static final List<Integer> FULL_KEYS = List.of(50_000, 150_000, 400_000);
    static final int VALUE_BYTES = 100;
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static final About ABOUT = new About("restore-time", "State: restore time from the changelog vs store size",
            "How long is an instance unavailable while it restores a store from its changelog?",
            "A task does not process until its stores are restored, and a restore reads the whole (compacted) "
                    + "changelog: the time grows with the state.",
            "1 partition, a RocksDB store of the latest value per key (costs.Stage LATEST_BY_KEY) with "
                    + QUICK_KEYS + " (quick) or " + FULL_KEYS + " (full) keys of 100 B, the pipeline's Streams settings; "
                    + "built once, then for every repetition the local state is wiped and a fresh JVM restores it, "
                    + "timed from the first restore's start to RUNNING.",
            "Keep state small (windows with retention, compaction), keep local state across restarts (persistent "
                    + "volumes), and use standby replicas where recovery time matters.",
            List.of(Source.docs("streams/architecture", "Architecture, fault tolerance"),
                    Source.docs("streams/developer-guide/running-app", "Running Streams applications, state restoration")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        List<Integer> sizes = lab.mode() == Mode.QUICK ? QUICK_KEYS : FULL_KEYS;
        try (Rig rig = new Rig(lab.kafka(), lab.workDir())) {
            RestoreCost.Result r = RestoreCost.measure(rig, sizes, VALUE_BYTES, 1,
                    StreamsSetup.production(Guarantee.AT_LEAST_ONCE), lab.trials(), TIMEOUT);
            lab.workload("restore", r.describe());
            return r.rows(ABOUT.name());
        }
    }

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        for (Row r : e.rows()) {
            s.append(s.isEmpty() ? "" : "; ").append(r.name()).append(" (")
                    .append(String.format("%,d", ((Number) r.facts().get("restored_records")).longValue()))
                    .append(" records) restored in ").append(LimitsReport.format(r.require("restore_ms"))).append(" ms (")
                    .append(LimitsReport.format(r.require("restore_records_per_sec"))).append(" records/s)");
        }
        return Finding.of(Verdict.LIMIT, s.toString());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("restore time, first restore to RUNNING (ms)", "restore_ms"));
    }
}
