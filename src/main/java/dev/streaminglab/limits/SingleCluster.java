package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Kafka Streams works against one cluster: its bootstrap.servers names the cluster that holds its group, its
 * transactions, its internal topics and every topic it reads or writes. A topic on a second local cluster is simply
 * missing to it. The usual answer, MirrorMaker 2, replicates that topic into the Streams cluster, where the
 * application reads the copy.
 */
final class SingleCluster implements Experiment {
    static final Mode.Size RECORDS = new Mode.Size(1_000, 20_000);
    static final String STORE = "counts";

    private static final About ABOUT = new About("single-cluster", "Not at all: a second cluster as source or sink",
            "Can one Kafka Streams application read from another Kafka cluster?",
            "An application talks to exactly one cluster (one bootstrap.servers): its group, transactions and "
                    + "internal topics live there, and a topic on another cluster is missing to it. Topics are "
                    + "brought over by replication (MirrorMaker 2) or connectors, and processed where they land.",
            "a second one-node cluster on this machine with a topic of " + RECORDS.text() + " records; (a) an "
                    + "application on the first cluster reading that topic's name; (b) MirrorMaker 2 (dedicated mode) "
                    + "replicating it into the first cluster, the application counting the copy, then 100 more "
                    + "records produced on the second cluster.",
            "Replicate with MirrorMaker 2 (connect-mirror) into the cluster where the application runs, and process "
                    + "there; bring other systems in and out with Kafka Connect.",
            List.of(Source.docs("operations/geo-replication", "Geo-replication (MirrorMaker 2)"),
                    Source.kip(382, "MirrorMaker 2.0"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, bootstrap.servers")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Counts the records of {@code in} per key in store {@value #STORE}; {@code counted} sees every update. */
    static Topology topology(String in, AtomicLong counted) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count().toStream().foreach((k, v) -> counted.incrementAndGet());
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = RECORDS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm("topic on the other cluster", bench -> missing(bench, lab.secondCluster(), n)),
                lab.arm("MirrorMaker 2 into the Streams cluster", bench -> mirrored(bench, lab.secondCluster(), n))));
    }

    private static Take missing(Workbench bench, SecondCluster second, int n) {
        try (Workbench other = new Workbench(second.kafka(), ABOUT.name())) {
            String remote = other.topic("readings", 1);
            other.produceKeyed(remote, n, 10, 20);
            String appId = bench.appId("app");
            StreamsRunner app = bench.app(appId, "a", topology(remote, new AtomicLong()), Map.of());
            long t0 = System.nanoTime();
            app.start();
            Workbench.awaitStopped(app);
            Throwable root = app.error().map(Workbench::rootCause).orElse(null);
            return new Take().figure("msToFailure", Timed.millisSince(t0))
                    .fact("state", app.streams().state().name())
                    .fact("error", root == null ? "none" : root.getClass().getSimpleName());
        }
    }

    private static Take mirrored(Workbench bench, SecondCluster second, int n) {
        try (Workbench other = new Workbench(second.kafka(), ABOUT.name())) {
            String remote = other.topic("readings", 1);
            other.produceKeyed(remote, n, 10, 20);
            // Cluster aliases name MirrorMaker's topics: unique ones make this run's topics easy to find and delete.
            String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
            String source = "src" + run;
            String target = "dst" + run;
            String copy = source + "." + remote;
            long t0 = System.nanoTime();
            try (MirrorMaker2 mm2 = MirrorMaker2.start(bench.stateDir("mm2"), source, second.kafka().bootstrap(),
                    target, bench.kafka().bootstrap(), remote)) {
                Await.until(Duration.ofMinutes(2), () -> "MirrorMaker 2 to create " + copy + " (log: " + mm2.log() + ")",
                        () -> Topics.list(bench.admin()).contains(copy) || !mm2.alive());
                long mm2StartMs = Timed.millisSince(t0);
                bench.deleteOnClose(Topics.list(bench.admin()).stream()
                        .filter(t -> t.contains(source) || t.contains(target)).toList());
                AtomicLong counted = new AtomicLong();
                String appId = bench.appId("app");
                bench.app(appId, "a", topology(copy, counted), Map.of()).startAndAwaitRunning();
                Await.until(Duration.ofMinutes(2), "the copy's " + n + " records to be counted",
                        () -> counted.get() >= n);
                long t1 = System.nanoTime();
                other.produce(remote, IntStream.range(0, 100).mapToObj(i -> Rec.of("k" + i % 10, "v",
                        System.currentTimeMillis())).toList());
                Await.until(Duration.ofMinutes(2), "100 more records to arrive through MirrorMaker 2",
                        () -> counted.get() >= n + 100);
                long lagMs = Timed.millisSince(t1);
                // Topics MirrorMaker 2 created meanwhile (its offsets, configs, status) go too.
                bench.deleteOnClose(Topics.list(bench.admin()).stream()
                        .filter(t -> t.contains(source) || t.contains(target)).toList());
                return new Take().figure("mirrorMakerStartMs", mm2StartMs)
                        .figure("msFromOtherClusterToCounted", lagMs)
                        .fact("replicatedTopic", other.anonymous(copy).replace(source, "SOURCE"))
                        .fact("countedFromTheCopy", counted.get())
                        .fact("internalTopicsOnTheStreamsCluster", bench.internalTopics(appId).size())
                        .fact("internalTopicsOnTheOtherCluster", other.internalTopics(appId).size())
                        .fact("stateOfTheApplication", State.RUNNING.name());
            }
        }
    }

    @Override
    public Finding read(Evidence e) {
        String missing = "topic on the other cluster";
        String mirrored = "MirrorMaker 2 into the Streams cluster";
        return new Finding(Verdict.NOT_SUPPORTED, "a topic on the second cluster: " + e.text(Lab.RUN, missing, "error")
                + ", application " + e.text(Lab.RUN, missing, "state") + " after "
                + LimitsReport.format(e.figure(Lab.RUN, missing, "msToFailure")) + " ms; its internal topics live on "
                + "its own cluster only (" + e.count(Lab.RUN, mirrored, "internalTopicsOnTheStreamsCluster") + " there, "
                + e.count(Lab.RUN, mirrored, "internalTopicsOnTheOtherCluster") + " on the other)",
                "MirrorMaker 2 replicated the topic as " + e.text(Lab.RUN, mirrored, "replicatedTopic") + " (started in "
                        + LimitsReport.format(e.figure(Lab.RUN, mirrored, "mirrorMakerStartMs")) + " ms); the application "
                        + "counted " + e.count(Lab.RUN, mirrored, "countedFromTheCopy") + " records from the copy, new "
                        + "records arrived in " + LimitsReport.format(e.figure(Lab.RUN, mirrored,
                        "msFromOtherClusterToCounted")) + " ms");
    }
}
