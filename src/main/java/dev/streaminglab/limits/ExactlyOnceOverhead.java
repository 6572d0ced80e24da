package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Exactly-once vs at-least-once on the same stateful topology, each with its default commit interval
 * (30 s for at-least-once, 100 ms for exactly-once): throughput and the end-to-end time to the last output.
 */
final class ExactlyOnceOverhead implements Experiment {
    @Override
    public String name() {
        return "exactly-once-overhead";
    }

    @Override
    public String capability() {
        return "Guarantees: exactly-once overhead";
    }

    @Override
    public String question() {
        return "What does processing.guarantee=exactly_once_v2 cost against at_least_once?";
    }

    @Override
    public String setup() {
        return "4 partitions, 20,000 (quick) or 200,000 (full) records of 100 B over 1,000 keys; count by key "
                + "and write every update to an output topic; default commit interval of each guarantee; time "
                + "until the last update is readable by a read_committed consumer.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(20_000, 200_000);
        String in = bench.topic("in", 4);
        bench.produceKeyed(in, n, 1_000, 100);
        double alosMs = run(bench, in, n, StreamsConfig.AT_LEAST_ONCE, "alos");
        double eosMs = run(bench, in, n, StreamsConfig.EXACTLY_ONCE_V2, "eos");
        double overhead = (eosMs - alosMs) / alosMs * 100;
        out.figure("records", n)
                .figure("atLeastOnceMs", alosMs)
                .figure("exactlyOnceMs", eosMs)
                .figure("atLeastOnceRecordsPerSec", n / alosMs * 1000)
                .figure("exactlyOnceRecordsPerSec", n / eosMs * 1000)
                .figure("overheadPercent", overhead)
                .series(new Series("records/s", "guarantee", "records/s", List.of(0.0, 1.0),
                        List.of(n / alosMs * 1000, n / eosMs * 1000)))
                .verdict(Verdict.WORKS_WITH_COST)
                .headline(String.format("exactly-once %.0f records/s vs at-least-once %.0f records/s (%+.0f%% time)",
                        n / eosMs * 1000, n / alosMs * 1000, overhead))
                .conclusion("Exactly-once is one setting and covers read-process-write within Kafka (state, "
                        + "offsets and outputs commit atomically); it costs transactions per commit interval and "
                        + "read_committed consumers see results only after each commit. Use it where duplicates "
                        + "change results (counts, sums, billing); at-least-once with idempotent consumers elsewhere.");
    }

    private static double run(Workbench bench, String in, int n, String guarantee, String name)
            throws InterruptedException {
        String output = bench.topic("out-" + name, 4);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count().toStream().mapValues(String::valueOf).to(output);
        StreamsRunner app = bench.app(bench.appId(name), name, b.build(), Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, guarantee.equals(StreamsConfig.AT_LEAST_ONCE) ? 30_000 : 100));
        long t0 = System.nanoTime();
        app.start();
        int seen = bench.read(output, n, Duration.ofMinutes(5)).size();
        if (seen < n) {
            throw new IllegalStateException("only " + seen + " of " + n + " updates reached " + output);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        app.close();
        return ms;
    }
}
