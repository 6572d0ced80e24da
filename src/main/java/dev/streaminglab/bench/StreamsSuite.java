package dev.streaminglab.bench;

import java.time.Duration;
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
    private static final List<String> STATELESS = List.of(UnderTest.PASSTHROUGH, "validation");

    private StreamsSuite() {
    }

    static List<BenchStep> steps(BenchContext ctx) {
        List<BenchStep> steps = new ArrayList<>();
        for (StageUnderTest stage : UnderTest.stages()) {
            steps.add(step(ctx, "stage", new StreamsBench.Variant(stage, ALOS, ROCKSDB, 1)));
        }
        for (StageUnderTest stage : UnderTest.stages()) {
            if (!ctx.profile.comparedStages().contains(stage.name())) {
                continue;
            }
            steps.add(step(ctx, "guarantee", new StreamsBench.Variant(stage, EOS, ROCKSDB, 1)));
            if (!STATELESS.contains(stage.name())) {
                steps.add(step(ctx, "store", new StreamsBench.Variant(stage, ALOS, IN_MEMORY, 1)));
            }
            steps.add(step(ctx, "threads", new StreamsBench.Variant(stage, ALOS, ROCKSDB, 2)));
        }
        for (String store : ctx.profile.restoreStores()) {
            for (int keys : ctx.profile.restoreSizes()) {
                steps.add(new BenchStep(NAME, "restore " + keys + " " + store, () -> {
                    StreamsBench.Restore r = bench(ctx).restore(keys, store);
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

    private static StreamsBench bench(BenchContext ctx) {
        return new StreamsBench(ctx.clusters.single(), ctx.workDir.resolve("streams-state"), ctx.profile.streamsRecords());
    }

    /** The variant's repetitions from a full topic (throughput); the first one also runs live (latency). */
    private static BenchStep step(BenchContext ctx, String axis, StreamsBench.Variant v) {
        return new BenchStep(NAME, v.label(), () -> {
            Duration live = Duration.ofSeconds(ctx.profile.streamsLiveSeconds());
            StreamsBench.Result first = bench(ctx).run(v, ctx.profile.streamsLiveRate(), live);
            List<RunStats> catchUps = new ArrayList<>(List.of(first.catchUp()));
            for (int i = 1; i < ctx.profile.repetitions(); i++) {
                catchUps.add(bench(ctx).run(v, 0, Duration.ZERO).catchUp());
            }
            Measurement m = new Measurement(NAME, v.label(), "kit")
                    .params(Map.of("axis", axis, "stage", v.stage().name(), "guarantee", v.guarantee(),
                            "store", v.store(), "threads", v.threads(), "target_rate", first.liveRate(),
                            "partitions", StreamsBench.INPUT_PARTITIONS))
                    .repeated(catchUps);
            first.live().ifPresent(m::latency);
            return List.of(m);
        });
    }
}
