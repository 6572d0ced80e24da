package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Restore time against store size: an instance that lost its local state (new machine, wiped disk) rebuilds
 * each store from its changelog before it processes anything.
 */
final class RestoreTime implements Experiment {
    static final int VALUE_BYTES = 100;

    @Override
    public String name() {
        return "restore-time";
    }

    @Override
    public String capability() {
        return "State: restore time from the changelog vs store size";
    }

    @Override
    public String question() {
        return "How long is an instance unavailable while it restores a store from its changelog?";
    }

    @Override
    public String setup() {
        return "1 partition, a key-value store (RocksDB) of 5,000 and 20,000 (quick) or 50,000, 150,000 and "
                + "400,000 (full) keys of 100 B; build it, stop, wipe the local state (cleanUp), restart and time "
                + "the restore until RUNNING.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        List<Integer> sizes = mode == Mode.QUICK ? List.of(5_000, 20_000) : List.of(50_000, 150_000, 400_000);
        Series.Builder restore = new Series.Builder("restore time", "keys in store", "ms");
        Series.Builder running = new Series.Builder("time to RUNNING", "keys in store", "ms");
        double rate = 0;
        for (int n : sizes) {
            String in = bench.topic("in-" + n, 1);
            String appId = bench.appId("n" + n);
            bench.produceKeyed(in, n, n, VALUE_BYTES);
            AtomicLong counted = new AtomicLong();
            StreamsBuilder b = new StreamsBuilder();
            b.<String, String>stream(in).groupByKey().reduce((a, v) -> v, Materialized.as("latest"))
                    .toStream().foreach((k, v) -> counted.incrementAndGet());
            Topology topology = b.build();
            StreamsRunner first = bench.app(appId, "n" + n, topology, Map.of()).startAndAwaitRunning();
            Await.until(Duration.ofMinutes(5), n + " keys to be stored", () -> counted.get() >= n);
            first.close();
            StreamsRunner again = bench.app(appId, "n" + n, topology, Map.of());
            again.streams().cleanUp();
            RestoreTimer listener = again.restores();
            long t0 = System.nanoTime();
            again.startAndAwaitRunning();
            double runningMs = (System.nanoTime() - t0) / 1e6;
            again.close();
            restore.add(n, listener.restoreMs());
            running.add(n, runningMs);
            rate = listener.restoredRecords() / (listener.restoreMs() / 1000);
            out.figure("restoredRecords" + n, listener.restoredRecords()).figure("restoreMs" + n, listener.restoreMs());
        }
        Series r = restore.build();
        int largest = sizes.get(sizes.size() - 1);
        out.figure("restoreRecordsPerSec", rate)
                .series(r)
                .series(running.build())
                .verdict(Verdict.LIMIT)
                .headline(String.format("%,d keys restored in %.1f s (%.0f records/s); grows linearly with size",
                        largest, r.y().get(r.y().size() - 1) / 1000, rate))
                .conclusion("A task does not process until its stores are restored, and restoring reads the whole "
                        + "(compacted) changelog: downtime grows linearly with state size. Keep state small "
                        + "(windows with retention, compaction), keep local state across restarts (persistent "
                        + "volumes), and use standby replicas where recovery time matters.");
    }
}
