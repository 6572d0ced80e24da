package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Interactive queries while the group rebalances: strict queries fail while the local threads are not
 * RUNNING; queries that accept stale stores keep answering.
 */
final class QueriesDuringRebalance implements Experiment {
    static final int PARTITIONS = 4;
    static final int KEYS = 1_000;

    @Override
    public String name() {
        return "iq-during-rebalance";
    }

    @Override
    public String capability() {
        return "Operations: interactive queries during a rebalance";
    }

    @Override
    public String question() {
        return "Can a dashboard keep querying a store while instances join and leave?";
    }

    @Override
    public String setup() {
        return "4 partitions, count store over 1,000 keys on instance A; two query loops on A (strict, and with "
                + "enableStaleStores) every 2 ms; instance B joins, then leaves; 2 s (quick) or 8 s (full) per phase.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        bench.produceKeyed(in, KEYS, KEYS, 10);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as("counts"));
        Topology topology = b.build();
        StreamsRunner a = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        var strictStore = a.store("counts", QueryableStoreTypes.<String, Long>keyValueStore(), StreamsRunner.START_TIMEOUT);
        Await.until(Duration.ofSeconds(60), "all keys to be counted", () -> strictStore.get("k" + (KEYS - 1)) != null);
        var staleStore = a.streams().store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.<String, Long>keyValueStore()).enableStaleStores());
        long phaseMs = Duration.ofSeconds(mode.pick(2, 8)).toMillis();
        AtomicBoolean running = new AtomicBoolean(true);
        long[] strict = new long[3];
        long[] stale = new long[3];
        AtomicLong longestStrictOutageMs = new AtomicLong();
        Thread loop = new Thread(() -> {
            long outageStart = 0;
            while (running.get()) {
                String key = "k" + ThreadLocalRandom.current().nextInt(KEYS);
                boolean ok = query(() -> strictStore.get(key), strict);
                long now = System.nanoTime();
                if (!ok && outageStart == 0) {
                    outageStart = now;
                } else if (ok && outageStart != 0) {
                    longestStrictOutageMs.accumulateAndGet((now - outageStart) / 1_000_000, Math::max);
                    outageStart = 0;
                }
                query(() -> staleStore.get(key), stale);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "limits-iq-loop");
        loop.start();
        try {
            Thread.sleep(phaseMs); // fixed stretches of observed time: before, during membership changes
            StreamsRunner second = bench.app(appId, "b", topology, Map.of()).startAndAwaitRunning();
            Thread.sleep(phaseMs);
            second.close();
            Thread.sleep(phaseMs);
        } finally {
            running.set(false);
            loop.join();
        }
        long strictTotal = strict[0] + strict[1] + strict[2];
        out.figure("strictQueries", strictTotal)
                .figure("strictAnswered", strict[0])
                .figure("strictMissing", strict[1])
                .figure("strictFailed", strict[2])
                .figure("staleAnswered", stale[0])
                .figure("staleMissing", stale[1])
                .figure("staleFailed", stale[2])
                .figure("longestStrictOutageMs", longestStrictOutageMs.get())
                .figure("rebalancesSeenByA", a.rebalances())
                .verdict(Verdict.WORKS_WITH_COST)
                .headline(String.format("strict queries: %d of %d failed (longest outage %d ms); stale-allowed: %d failed",
                        strict[2], strictTotal, longestStrictOutageMs.get(), stale[2]))
                .conclusion("During a rebalance strict interactive queries throw InvalidStateStoreException; "
                        + "enableStaleStores() keeps answering from local (possibly slightly old) state, and "
                        + "queries for keys that moved must be routed with queryMetadataForKey to the new owner. "
                        + "A dashboard needs retry with back-off and an instance-routing layer; Kafka Streams gives "
                        + "the metadata, not the RPC.");
    }

    /** Runs one query; counts {answered, key not found, failed}; true unless it failed. */
    private static boolean query(Supplier<Long> q, long[] tally) {
        try {
            Long v = q.get();
            tally[v == null ? 1 : 0]++;
            return true;
        } catch (InvalidStateStoreException e) {
            tally[2]++;
            return false;
        }
    }
}
