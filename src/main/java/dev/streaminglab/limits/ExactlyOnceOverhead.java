package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.measure.Ratio;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Exactly-once against at-least-once on the same stateful topology with the same commit interval: throughput from
 * the first record read to the last update readable by a read_committed consumer, in a random order of the arms.
 */
final class ExactlyOnceOverhead implements Experiment {
    static final int PARTITIONS = 4;
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    static final String ALOS = "at_least_once";
    static final String EOS = "exactly_once_v2";

    private static final About ABOUT = new About("exactly-once-overhead", "Guarantees: exactly-once overhead",
            "What does processing.guarantee=exactly_once_v2 cost against at_least_once?",
            "Exactly-once commits state, offsets and outputs in one transaction per commit interval: it costs "
                    + "throughput, and read_committed consumers see results only after each commit.",
            "4 partitions, 10,000 (quick) or 200,000 (full) records of 100 B over 1,000 keys; count by key, every "
                    + "update to an output topic; both guarantees with commit.interval.ms=1000 (the kit's pipeline "
                    + "setting); records/s from the first record read to the last update read committed.",
            "Use exactly-once where duplicates change results (counts, sums, billing); at-least-once with idempotent "
                    + "consumers elsewhere; a longer commit interval amortises the transactions.",
            List.of(Source.kip(447, "Producer scalability for exactly once semantics"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, processing.guarantee")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, String out, AtomicLong first) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).peek((k, v) -> first.compareAndSet(0, System.nanoTime())).groupByKey().count()
                .toStream().mapValues(String::valueOf).to(out);
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = lab.mode().pick(10_000, 200_000);
        return lab.rows(lab.trials(lab.arm(ALOS, bench -> once(bench, n, ALOS)), lab.arm(EOS, bench -> once(bench, n,
                EOS))));
    }

    private static Take once(Workbench bench, int n, String guarantee) {
        String in = bench.topic("in", PARTITIONS);
        String out = bench.topic("out", PARTITIONS);
        bench.produceKeyed(in, n, 1_000, 100);
        AtomicLong first = new AtomicLong();
        bench.app(bench.appId("app"), "a", topology(in, out, first), Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) COMMIT_INTERVAL.toMillis())).startAndAwaitRunning();
        Await.until(Duration.ofMinutes(5), "every update to be committed", () -> bench.endOffsetSum(out) >= n);
        int seen = bench.read(out, n, Duration.ofMinutes(5)).size();
        double seconds = (System.nanoTime() - first.get()) / 1e9;
        return new Take().figure("recordsPerSec", n / seconds).fact("records", n).fact("updatesRead", seen);
    }

    @Override
    public Finding read(Evidence e) {
        Ratio r = Ratio.paired(EOS, e.figure(Lab.RUN, EOS, "recordsPerSec").samples(), ALOS,
                e.figure(Lab.RUN, ALOS, "recordsPerSec").samples());
        return Finding.of(Verdict.WORKS_WITH_COST, "exactly-once " + LimitsReport.format(e.figure(Lab.RUN, EOS,
                "recordsPerSec")) + " records/s, at-least-once " + LimitsReport.format(e.figure(Lab.RUN, ALOS,
                "recordsPerSec")) + " records/s; exactly-once ÷ at-least-once " + r.format());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("records/s", "recordsPerSec"));
    }
}
