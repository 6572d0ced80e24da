package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * KTable vs GlobalKTable: a GlobalKTable reads its whole topic into every instance before the instance reports
 * RUNNING; a KTable is partitioned and fills while processing.
 */
final class GlobalTableBootstrap implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(5_000, 200_000);
    static final String KTABLE = "KTable";
    static final String GLOBAL = "GlobalKTable";

    private static final About ABOUT = new About("globalktable-bootstrap", "Joins: KTable vs GlobalKTable bootstrap",
            "How long before an instance with a GlobalKTable can process, compared with a KTable?",
            "A GlobalKTable blocks start-up until its whole topic is in every instance (memory and disk times the "
                    + "instances, start-up growing with the topic) but needs no co-partitioning.",
            "a reference topic of 4 partitions with " + KEYS.text() + " keys of 100 B; one instance with "
                    + "a KTable, one with a GlobalKTable on it; time to RUNNING and until every key is loaded.",
            "Keep GlobalKTables to small, slowly changing reference data (the kit's device registry); large tables "
                    + "belong in a partitioned KTable.",
            List.of(Source.docs("streams/developer-guide/dsl-api", "Streams DSL, GlobalKTable"),
                    Source.docs("streams/concepts", "Streams concepts, KTable and GlobalKTable")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology ktable(String ref, AtomicLong loaded) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>table(ref, Materialized.as("ref-table")).toStream().foreach((k, v) -> loaded.incrementAndGet());
        return b.build();
    }

    static Topology global(String ref) {
        StreamsBuilder b = new StreamsBuilder();
        b.globalTable(ref, Materialized.as("ref-global"));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = KEYS.of(lab.mode());
        return lab.rows(lab.trials(lab.arm(KTABLE, bench -> once(bench, n, false)),
                lab.arm(GLOBAL, bench -> once(bench, n, true))));
    }

    private static Take once(Workbench bench, int n, boolean global) {
        String ref = bench.topic("ref", 4);
        bench.produceKeyed(ref, n, n, 100);
        AtomicLong loaded = new AtomicLong();
        StreamsRunner app = bench.app(bench.appId("app"), "a", global ? global(ref) : ktable(ref, loaded), Map.of());
        long t0 = System.nanoTime();
        app.startAndAwaitRunning();
        long toRunning = Timed.millisSince(t0);
        if (global) {
            long keys;
            try (var all = app.store("ref-global", QueryableStoreTypes.<String, String>keyValueStore(),
                    StreamsRunner.START_TIMEOUT).all()) {
                keys = StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, 0), false).count();
            }
            return new Take().figure("msToRunning", toRunning).figure("msToAllLoaded", toRunning)
                    .fact("keysLoadedAtRunning", keys);
        }
        long atRunning = loaded.get();
        Await.until(Duration.ofMinutes(5), "the KTable to load", () -> loaded.get() >= n);
        return new Take().figure("msToRunning", toRunning).figure("msToAllLoaded", Timed.millisSince(t0))
                .figure("keysLoadedAtRunning", atRunning);
    }

    @Override
    public Finding read(Evidence e) {
        return Finding.of(Verdict.WORKS_WITH_COST, "GlobalKTable: RUNNING after "
                + LimitsReport.format(e.figure(Lab.RUN, GLOBAL, "msToRunning")) + " ms with "
                + e.count(Lab.RUN, GLOBAL, "keysLoadedAtRunning") + " keys loaded; KTable: RUNNING after "
                + LimitsReport.format(e.figure(Lab.RUN, KTABLE, "msToRunning")) + " ms, all loaded after "
                + LimitsReport.format(e.figure(Lab.RUN, KTABLE, "msToAllLoaded")) + " ms");
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("ms from start to RUNNING", "msToRunning"));
    }
}
