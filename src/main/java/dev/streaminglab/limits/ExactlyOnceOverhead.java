package dev.streaminglab.limits;

import dev.streaminglab.costs.ExactlyOnceCost;
import dev.streaminglab.costs.Rig;
import dev.streaminglab.costs.Stage;
import dev.streaminglab.costs.StreamsSetup;
import dev.streaminglab.measure.Row;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Exactly-once against at-least-once, measured the one way the kit measures it (the benchmark calls the same
 * {@link ExactlyOnceCost}): a count by key over the same input, each run a fresh application in a fresh JVM, timed
 * from its start to the last committed input offset, at the pipeline's commit interval for both guarantees (and, in
 * full mode, at exactly-once's default 100 ms), the arms in a random order.
 */
final class ExactlyOnceOverhead implements Experiment {
    static final Mode.Size RECORDS = new Mode.Size(10_000, 200_000);
    static final int PARTITIONS = 4;
    static final int KEYS = 1_000;
    static final int VALUE_BYTES = 100;
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static final About ABOUT = new About("exactly-once-overhead", "Guarantees: exactly-once overhead",
            "What does processing.guarantee=exactly_once_v2 cost against at_least_once?",
            "Exactly-once commits state, offsets and outputs in one transaction per commit interval: it costs time "
                    + "per commit, so its price falls as the commit interval grows, and read_committed consumers see "
                    + "results only at commits.",
            "4 partitions, " + RECORDS.text() + " records of 100 B over 1,000 keys; a count by key written "
                    + "on every update (costs.Stage COUNT_BY_KEY), the pipeline's Streams settings; at-least-once and "
                    + "exactly-once v2 at the pipeline's commit interval, plus exactly-once at 100 ms in full mode; "
                    + "time from start to the last committed offset, each run a fresh JVM (start-up reported apart).",
            "Use exactly-once where duplicates change results (counts, sums, billing); keep the commit interval as "
                    + "long as the latency budget allows; at-least-once with idempotent consumers elsewhere.",
            List.of(Source.kip(447, "Producer scalability for exactly once semantics"),
                    Source.kip(98, "Exactly Once Delivery and Transactional Messaging"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, processing.guarantee")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        StreamsSetup production = StreamsSetup.production(Guarantee.AT_LEAST_ONCE);
        List<Long> commits = lab.mode() == Mode.QUICK ? List.of(production.commitIntervalMs())
                : List.of(production.commitIntervalMs(), 100L);
        try (Rig rig = new Rig(lab.kafka(), lab.workDir())) {
            Rig.Input input = rig.keyed(RECORDS.of(lab.mode()), KEYS, VALUE_BYTES, PARTITIONS);
            ExactlyOnceCost.Result r = ExactlyOnceCost.measure(rig,
                    new ExactlyOnceCost.Setup(Stage.COUNT_BY_KEY, production, commits), input, lab.trials(), TIMEOUT);
            lab.workload("exactly-once cost", r.describe());
            return r.rows(ABOUT.name());
        }
    }

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        for (Row r : e.rows()) {
            if (r.facts().containsKey("noise")) {
                s.append(s.isEmpty() ? "" : "; ").append("time of ").append(r.arm()).append(": ")
                        .append(r.require("time_ratio").format(2))
                        .append(Boolean.TRUE.equals(r.facts().get("noise")) ? " (noise)" : "");
            }
        }
        for (Row r : e.rows()) {
            if (r.figures().containsKey("records_per_sec")) {
                s.append("; ").append(r.params().get("guarantee")).append(" at ").append(r.params().get("commit_interval_ms"))
                        .append(" ms ").append(LimitsReport.format(r.require("records_per_sec"))).append(" records/s");
            }
        }
        return Finding.of(Verdict.WORKS_WITH_COST, s.toString());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("records/s from start to the last commit", "records_per_sec"));
    }
}
