package dev.streaminglab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams stages against the passthrough baseline, then one knob at a time on selected stages:
 * exactly-once v2 instead of at-least-once, in-memory instead of RocksDB stores, two stream threads instead
 * of one; and how long a store takes to restore from its changelog as it grows.
 */
final class StreamsSuite {
    static final String NAME = "streams";
    static final String ALOS = StreamsConfig.AT_LEAST_ONCE;
    static final String EOS = StreamsConfig.EXACTLY_ONCE_V2;
    static final String ROCKSDB = "rocksdb";
    static final String IN_MEMORY = "in_memory";
    private static final List<String> STATELESS = List.of("passthrough", "validation");

    private StreamsSuite() {
    }

    static List<BenchStep> steps(BenchContext ctx) {
        StreamsBench[] bench = new StreamsBench[1];
        List<BenchStep> steps = new ArrayList<>();
        steps.add(new BenchStep(NAME, "device registry", () -> {
            bench[0] = new StreamsBench(ctx.clusters.single(), ctx.workDir.resolve("streams-state"),
                    ctx.profile.streamsRecords());
            bench[0].prepare();
            return List.of();
        }));
        for (StageUnderTest stage : UnderTest.stages()) {
            steps.add(step(ctx, bench, "stage", new StreamsBench.Variant(stage, ALOS, ROCKSDB, 1)));
        }
        for (StageUnderTest stage : UnderTest.stages()) {
            if (!ctx.profile.comparedStages().contains(stage.name())) {
                continue;
            }
            steps.add(step(ctx, bench, "guarantee", new StreamsBench.Variant(stage, EOS, ROCKSDB, 1)));
            if (!STATELESS.contains(stage.name())) {
                steps.add(step(ctx, bench, "store", new StreamsBench.Variant(stage, ALOS, IN_MEMORY, 1)));
            }
            steps.add(step(ctx, bench, "threads", new StreamsBench.Variant(stage, ALOS, ROCKSDB, 2)));
        }
        for (String store : ctx.profile.restoreStores()) {
            for (int keys : ctx.profile.restoreSizes()) {
                steps.add(new BenchStep(NAME, "restore " + keys + " " + store, () -> {
                    StreamsBench.Restore r = bench[0].restore(keys, store);
                    return List.of(new Measurement(NAME, "restore " + keys + " keys " + store, "kafka-streams")
                            .params(Map.of("axis", "restore", "stage", "restore", "guarantee", ALOS, "store", store,
                                    "threads", 1, "store_records", keys, "records", r.records()))
                            .metric("restore_ms", r.seconds() * 1000).metric("seconds", r.seconds())
                            .metric("records_per_sec", r.records() / r.seconds()));
                }));
            }
        }
        return steps;
    }

    private static BenchStep step(BenchContext ctx, StreamsBench[] bench, String axis, StreamsBench.Variant v) {
        return new BenchStep(NAME, v.label(), () -> {
            StreamsBench.Result r = bench[0].run(v, ctx.profile.streamsLiveRate(), java.time.Duration.ofSeconds(ctx.profile.streamsLiveSeconds()));
            String implementation = v.stage() instanceof StandInStages.StandIn ? "stand-in" : "kit";
            return List.of(new Measurement(NAME, v.label(), implementation)
                    .params(Map.of("axis", axis, "stage", v.stage().name(), "guarantee", v.guarantee(),
                            "store", v.store(), "threads", v.threads(), "target_rate", r.liveRate(),
                            "partitions", StreamsBench.INPUT_PARTITIONS))
                    .stats(r.catchUp()).latency(r.live()));
        });
    }
}
