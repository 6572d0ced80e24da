package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Restore time against store size: an instance that lost its local state (new machine, wiped disk) rebuilds each
 * store from its changelog before it processes anything.
 */
final class RestoreTime implements Experiment {
    static final int VALUE_BYTES = 100;
    static final String STORE = "latest";

    private static final About ABOUT = new About("restore-time", "State: restore time from the changelog vs store size",
            "How long is an instance unavailable while it restores a store from its changelog?",
            "A task does not process until its stores are restored, and a restore reads the whole (compacted) "
                    + "changelog: the time grows with the state.",
            "1 partition, a RocksDB key-value store of 10,000 (quick) or 50,000, 150,000 and 400,000 "
                    + "(full) keys of 100 B; build it, stop, wipe the local state (cleanUp), restart; restore time "
                    + "from the restore listener.",
            "Keep state small (windows with retention, compaction), keep local state across restarts (persistent "
                    + "volumes), and use standby replicas where recovery time matters.",
            List.of(Source.docs("streams/architecture", "Architecture, fault tolerance"),
                    Source.docs("streams/developer-guide/running-app", "Running Streams applications, state restoration")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, AtomicLong counted) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().reduce((a, v) -> v, Materialized.as(STORE))
                .toStream().foreach((k, v) -> counted.incrementAndGet());
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        List<Integer> sizes = lab.mode() == Mode.QUICK ? List.of(10_000) : List.of(50_000, 150_000, 400_000);
        return lab.rows(lab.trials(sizes.stream().map(n -> lab.arm(String.format("%,d keys", n),
                bench -> once(bench, n))).toList()));
    }

    private static Take once(Workbench bench, int keys) {
        String in = bench.topic("in", 1);
        String appId = bench.appId("app");
        bench.produceKeyed(in, keys, keys, VALUE_BYTES);
        AtomicLong counted = new AtomicLong();
        Topology topology = topology(in, counted);
        StreamsRunner first = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        Await.until(Duration.ofMinutes(5), keys + " keys to be stored", () -> counted.get() >= keys);
        first.close();
        StreamsRunner again = bench.app(appId, "a", topology, Map.of());
        again.streams().cleanUp();
        RestoreTimer restores = again.restores();
        long t0 = System.nanoTime();
        again.startAndAwaitRunning();
        long toRunning = Timed.millisSince(t0);
        return new Take().figure("restoreMs", restores.restoreMs())
                .figure("msToRunning", toRunning)
                .figure("restoredRecordsPerSec", restores.restoredRecords() / (restores.restoreMs() / 1000))
                .fact("keys", keys)
                .fact("restoredRecords", restores.restoredRecords());
    }

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        for (Row r : e.rows()) {
            s.append(s.isEmpty() ? "" : "; ").append(String.format("%,d", ((Number) r.facts().get("keys")).longValue()))
                    .append(" keys restored in ").append(LimitsReport.format(r.require("restoreMs"))).append(" ms (")
                    .append(LimitsReport.format(r.require("restoredRecordsPerSec"))).append(" records/s)");
        }
        return Finding.of(Verdict.LIMIT, s.toString());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("restore time (ms)", "restoreMs"));
    }
}
