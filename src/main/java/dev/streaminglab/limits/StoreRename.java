package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topology change that breaks state: the same count under a renamed store starts from zero, because the
 * store's name is its changelog topic's name; the old changelog is left behind.
 */
final class StoreRename implements Experiment {
    @Override
    public String name() {
        return "store-rename";
    }

    @Override
    public String capability() {
        return "Operations: topology change that renames a store";
    }

    @Override
    public String question() {
        return "What happens to state when a new version of the topology renames a store?";
    }

    @Override
    public String setup() {
        return "1 partition, count per key in store 'counts-v1'; 10 records for key k; stop; same application "
                + "id with the store named 'counts-v2'; 5 more records for k.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", 1);
        String counts = bench.topic("counts", 1);
        String appId = bench.appId("app");
        StreamsRunner v1 = bench.app(appId, "a", topology(in, counts, "counts-v1"), Map.of()).startAndAwaitRunning();
        bench.produceKeyed(in, 10, 1, 10);
        var first = bench.read(counts, 10, Duration.ofSeconds(60), new LongDeserializer());
        long before = first.get(first.size() - 1).value();
        v1.close();
        bench.app(appId, "a", topology(in, counts, "counts-v2"), Map.of()).startAndAwaitRunning();
        bench.produceKeyed(in, 5, 1, 10);
        var all = bench.read(counts, 15, Duration.ofSeconds(60), new LongDeserializer());
        long after = all.get(all.size() - 1).value();
        boolean oldChangelogLeft = Topics.list(bench.admin()).contains(appId + "-counts-v1-changelog");
        out.figure("countBeforeRename", before)
                .figure("countAfterRenameAnd5More", after)
                .figure("expectedIfStateKept", before + 5)
                .figure("oldChangelogStillExists", oldChangelogLeft)
                .verdict(Verdict.LIMIT)
                .headline("after renaming the store the count of k is " + after + ", not " + (before + 5)
                        + "; the old changelog topic is orphaned")
                .conclusion("Store names (and the generated names of unnamed operators: KSTREAM-AGGREGATE-0000000001) "
                        + "are the identity of state; renaming or inserting an operator silently starts from empty "
                        + "state. Name every stateful operator explicitly (Materialized.as, Named, Grouped.as), "
                        + "review topology.describe() diffs before deploying, and plan a reprocess (new "
                        + "application.id) for intended changes.");
    }

    private static Topology topology(String in, String counts, String store) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as(store)).toStream()
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }
}
