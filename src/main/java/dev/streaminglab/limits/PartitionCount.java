package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * Topics and partitions are the unit of scale: a stateful topology makes one task, one store instance and one
 * changelog partition per input partition, fixed when the application first runs. Adding partitions to the input
 * later does not scale it out: the changelog keeps its partition count and the application refuses to run.
 */
final class PartitionCount implements Experiment {
    static final int BEFORE = 2;
    static final int AFTER = 4;
    static final int KEYS = 100;

    private static final About ABOUT = new About("partition-count", "Scaling: topics and partitions are the unit of "
            + "scale",
            "Can a stateful application grow by adding partitions to its input topic?",
            "Tasks, store instances and changelog partitions follow the input's partition count of the first run. "
                    + "Adding input partitions later leaves the changelog as it was: Kafka Streams refuses to run, "
                    + "and keys would move to other partitions (and other state) anyway.",
            "A count by key over 100 keys on an input of 2 partitions; stop; the input grows to 4 partitions; the "
                    + "same application restarts; then a new application id on the 4-partition topic.",
            "Choose the partition count for the peak you plan for (over-partition); to grow, create a new topic with "
                    + "more partitions and reprocess into it with a new application id (or the reset tool), then "
                    + "switch consumers.",
            List.of(Source.docs("streams/architecture", "Architecture, stream partitions and tasks"),
                    Source.docs("streams/developer-guide/manage-topics", "Managing Streams application topics")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(lab.arm("2 -> 4 partitions", PartitionCount::once)));
    }

    private static Take once(Workbench bench) {
        String in = bench.topic("in", BEFORE);
        String appId = bench.appId("app");
        bench.produceKeyed(in, KEYS, KEYS, 10);
        AtomicLong counted = new AtomicLong();
        StreamsRunner first = bench.app(appId, "a", CountByKey.topology(in, counted), Map.of()).startAndAwaitRunning();
        Await.until(Duration.ofSeconds(60), "every key to be counted", () -> counted.get() >= KEYS);
        long tasksBefore = Tasks.active(first);
        first.close();
        String changelog = appId + "-" + CountByKey.STORE + "-changelog";
        long changelogBefore = bench.partitions(changelog);
        KafkaFutures.await(bench.admin().createPartitions(Map.of(in, NewPartitions.increaseTo(AFTER))).all(),
                "adding partitions to " + in);
        Await.until(Duration.ofSeconds(30), "the input to have " + AFTER + " partitions",
                () -> bench.partitions(in) == AFTER);
        StreamsRunner again = bench.app(appId, "a", CountByKey.topology(in, new AtomicLong()), Map.of());
        again.start();
        Await.until(Duration.ofSeconds(60), "the restarted instance to run or stop",
                () -> again.failed() || again.streams().state() == State.RUNNING);
        if (again.failed()) {
            Workbench.awaitStopped(again);
        }
        Throwable root = again.error().map(Workbench::rootCause).orElse(null);
        StreamsRunner fresh = bench.app(bench.appId("reprocess"), "fresh", CountByKey.topology(in, new AtomicLong()), Map.of())
                .startAndAwaitRunning();
        return new Take().fact("tasksWith2Partitions", tasksBefore)
                .fact("changelogPartitions", changelogBefore)
                .fact("sameApplicationAfterGrowth", again.streams().state().name())
                .fact("error", root == null ? "none" : root.getClass().getSimpleName() + ": "
                        + bench.anonymous(root.getMessage()))
                .fact("newApplicationTasks", Tasks.active(fresh));
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "2 -> 4 partitions";
        return new Finding(Verdict.LIMIT, e.count(Lab.RUN, arm, "tasksWith2Partitions") + " tasks and "
                + e.count(Lab.RUN, arm, "changelogPartitions") + " changelog partitions on 2 input partitions; after "
                + "growing the input to 4 the same application is " + e.text(Lab.RUN, arm, "sameApplicationAfterGrowth")
                + " (" + e.text(Lab.RUN, arm, "error") + ")", "a new application id on the 4-partition topic runs "
                + e.count(Lab.RUN, arm, "newApplicationTasks") + " tasks");
    }
}
