package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.measure.Ratio;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The price of re-keying: the same count once by the record key and once by a derived key, which forces a
 * repartition topic (every record written to Kafka and read back once more). Throughput is timed from the first
 * record read to the last one counted, in a random order of the arms, with an A/A arm (the by-key count twice) to
 * show how far two identical runs lie apart on this machine.
 */
final class RepartitionCost implements Experiment {
    static final Mode.Size RECORDS = new Mode.Size(20_000, 200_000);
    static final int KEYS = 1_000;
    static final int PARTITIONS = 4;
    static final String BY_KEY = "count by key";
    static final String BY_KEY_AGAIN = "count by key (A/A)";
    static final String RE_KEY = "count by new key";

    private static final About ABOUT = new About("repartition-cost", "Joins/aggregations: repartition topic cost",
            "What does grouping by a new key cost compared with grouping by the record key?",
            "Any key change before a grouping or join copies every record through an internal repartition topic: "
                    + "one more write and read per record, and its storage.",
            "4 partitions, " + RECORDS.text() + " records of 100 B over 1,000 keys; count by key, count "
                    + "by key again (A/A control, full mode), count by a derived key (groupBy); records/s from the "
                    + "first record read to the last counted.",
            "Key the input topic by what you aggregate on (at the producer); check topology.describe() for "
                    + "-repartition topics; where re-keying is needed, do it once and share the result.",
            List.of(Source.docs("streams/developer-guide/dsl-api", "Streams DSL, repartitioning"),
                    Source.docs("streams/developer-guide/optimizing-streams", "Optimizing Kafka Streams topologies")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** A count by the record key, or by a key derived from it (which needs a repartition topic). */
    static Topology topology(String in, boolean rekey, AtomicLong first, AtomicLong last, AtomicLong counted) {
        StreamsBuilder b = new StreamsBuilder();
        var stream = b.<String, String>stream(in).peek((k, v) -> first.compareAndSet(0, System.nanoTime()));
        var grouped = rekey ? stream.groupBy((k, v) -> "site-" + (k.hashCode() & 0xff)) : stream.groupByKey();
        grouped.count().toStream().foreach((k, v) -> {
            last.set(System.nanoTime());
            counted.incrementAndGet();
        });
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = RECORDS.of(lab.mode());
        // The A/A control is for figures worth quoting: quick mode checks the facts only.
        return lab.rows(lab.trials(lab.mode() == Mode.QUICK
                ? List.of(lab.arm(BY_KEY, bench -> once(bench, n, false)), lab.arm(RE_KEY, bench -> once(bench, n, true)))
                : List.of(lab.arm(BY_KEY, bench -> once(bench, n, false)),
                        lab.arm(BY_KEY_AGAIN, bench -> once(bench, n, false)),
                        lab.arm(RE_KEY, bench -> once(bench, n, true)))));
    }

    private static Take once(Workbench bench, int n, boolean rekey) {
        String in = bench.topic("in", PARTITIONS);
        bench.produceKeyed(in, n, KEYS, 100);
        String appId = bench.appId("app");
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        bench.app(appId, "a", topology(in, rekey, first, last, counted), Map.of()).startAndAwaitRunning();
        Await.until(Duration.ofMinutes(5), "all records to be counted", () -> counted.get() >= n);
        long repartitioned = bench.internalTopics(appId).stream().filter(t -> t.endsWith("-repartition"))
                .mapToLong(bench::endOffsetSum).sum();
        return new Take().figure("recordsPerSec", n / ((last.get() - first.get()) / 1e9))
                .fact("records", n)
                .fact("repartitionTopicRecords", repartitioned);
    }

    /** Each round's re-key ÷ by-key throughput, and the A/A control's. */
    static Ratio ratio(Evidence e, String arm) {
        Spread a = e.figure(Lab.RUN, arm, "recordsPerSec");
        Spread b = e.figure(Lab.RUN, BY_KEY, "recordsPerSec");
        return Ratio.paired(arm, a.samples(), BY_KEY, b.samples());
    }

    @Override
    public Finding read(Evidence e) {
        boolean control = e.results().row(ABOUT.name(), Lab.RUN, BY_KEY_AGAIN).isPresent();
        return Finding.of(Verdict.WORKS_WITH_COST, String.format("re-keying wrote %,d extra records through a "
                + "repartition topic (%,d without); records/s re-keyed ÷ by key %s%s",
                e.count(Lab.RUN, RE_KEY, "repartitionTopicRecords"), e.count(Lab.RUN, BY_KEY, "repartitionTopicRecords"),
                ratio(e, RE_KEY).format(), control ? ", A/A control " + ratio(e, BY_KEY_AGAIN).format() : ""));
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("records/s", "recordsPerSec"));
    }
}
