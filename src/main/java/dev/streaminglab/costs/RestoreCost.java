package dev.streaminglab.costs;

import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.measure.Trials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long an instance that lost its local state is unavailable, measured one way wherever the kit asks: a store of
 * {@code keys} keys (the latest value per key, {@link Stage#LATEST_BY_KEY}) is built once from an input of one
 * record per key; then, for every repetition, the local state is wiped and a fresh JVM starts the same application,
 * timed from the first restore's start to RUNNING on the instance's own clock. Every size is a separate store and
 * input; the sizes take turns as {@link Trials} orders them.
 */
public final class RestoreCost {
    /** One restore: how long, and how many records it read back. */
    public record Restore(int keys, double restoreToRunningMs, long restoredRecords, List<String> jvmFlags) {
        public double recordsPerSec() {
            return restoredRecords / (restoreToRunningMs / 1000);
        }
    }

    /** Restores by store size. */
    public record Result(List<Integer> sizes, int valueBytes, int partitions, StreamsSetup setup,
            Trials.Outcome<Restore> outcome) {
        public Spread restoreMs(int keys) {
            return outcome.spread(arm(keys), Restore::restoreToRunningMs);
        }

        public List<Row> rows(String group) {
            List<Row> rows = new ArrayList<>();
            for (int keys : sizes) {
                List<Restore> runs = outcome.values(arm(keys));
                rows.add(Row.of(group, arm(keys), setup.label()).param("keys", keys)
                        .param("value_bytes", valueBytes).param("partitions", partitions)
                        .figure("restore_ms", restoreMs(keys))
                        .figure("restore_records_per_sec", outcome.spread(arm(keys), Restore::recordsPerSec))
                        .fact("restored_records", runs.get(0).restoredRecords())
                        .fact("jvm_flags", String.join(" ", runs.get(0).jvmFlags()))
                        .load(outcome.load(arm(keys)), outcome.discarded()));
            }
            return rows;
        }

        public Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("store", "latest value per key (" + (setup.inMemoryStores() ? "in-memory" : "RocksDB") + ")");
            d.put("keys", sizes);
            d.put("value bytes", valueBytes);
            d.put("partitions", partitions);
            d.put("clock", "first restore start → RUNNING, on the instance's monotonic clock");
            return d;
        }
    }

    private RestoreCost() {
    }

    static String arm(int keys) {
        return String.format("%,d keys", keys);
    }

    /** Builds one store per size, then restores each as often as {@code trials} says. */
    public static Result measure(Rig rig, List<Integer> sizes, int valueBytes, int partitions, StreamsSetup setup,
            Trials trials, Duration timeout) {
        List<StageRun> stores = new ArrayList<>();
        try {
            List<Trials.Arm<Restore>> arms = new ArrayList<>();
            for (int keys : sizes) {
                StageRun store = new StageRun(rig, Stage.LATEST_BY_KEY, setup,
                        rig.keyed(keys, keys, valueBytes, partitions));
                stores.add(store);
                store.start();
                store.awaitCaughtUp(timeout);
                store.stop();
                arms.add(new Trials.Arm<>(arm(keys), () -> restore(rig, store, keys, timeout)));
            }
            return new Result(sizes, valueBytes, partitions, setup, trials.run(arms));
        } finally {
            stores.forEach(StageRun::cleanUp);
        }
    }

    private static Restore restore(Rig rig, StageRun store, int keys, Duration timeout) {
        rig.deleteState(store.applicationId());
        store.start();
        ChildSpec.Status running = store.awaitRunning(timeout);
        List<String> flags = store.flags();
        store.stop();
        return new Restore(keys, running.restoreToRunningMs(), running.restoredRecords(), flags);
    }
}
