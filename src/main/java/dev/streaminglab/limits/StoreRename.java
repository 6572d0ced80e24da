package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topology change that breaks state: the same count under a renamed store starts from zero, because the store's
 * name is its changelog topic's name; the old changelog is left behind.
 */
final class StoreRename implements Experiment {
    private static final About ABOUT = new About("store-rename", "Operations: topology change that renames a store",
            "What happens to state when a new version of the topology renames a store?",
            "Store names (and the generated names of unnamed operators, KSTREAM-AGGREGATE-0000000001) are the "
                    + "identity of state: renaming or inserting an operator silently starts from empty state and "
                    + "orphans the old changelog.",
            "1 partition, count per key in store counts-v1; 10 records for key k; stop; the same application id "
                    + "with the store named counts-v2; 5 more records for k.",
            "Name every stateful operator (Materialized.as, Named, Grouped.as), review topology.describe() diffs "
                    + "before deploying, and plan a reprocess (new application.id) for intended changes.",
            List.of(Source.docs("streams/developer-guide/dsl-topology-naming", "Naming operators in a Streams DSL "
                            + "application"),
                    Source.kip(307, "Allow to define custom processor names with KStreams DSL")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, String counts, String store) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as(store)).toStream()
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(lab.arm("counts-v1 -> counts-v2", StoreRename::once)));
    }

    private static Take once(Workbench bench) {
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
        return new Take().fact("countBeforeRename", before)
                .fact("countAfterRenameAnd5More", all.get(all.size() - 1).value())
                .fact("oldChangelogStillExists", Topics.list(bench.admin()).contains(appId + "-counts-v1-changelog"));
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "counts-v1 -> counts-v2";
        return Finding.of(Verdict.LIMIT, "after renaming the store the count of k is " + e.count(Lab.RUN, arm,
                "countAfterRenameAnd5More") + ", not " + (e.count(Lab.RUN, arm, "countBeforeRename") + 5)
                + "; old changelog topic still there: " + e.flag(Lab.RUN, arm, "oldChangelogStillExists"));
    }
}
