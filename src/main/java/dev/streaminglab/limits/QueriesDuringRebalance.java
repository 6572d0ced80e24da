package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries while the group rebalances, under each protocol: strict queries fail while the local store
 * migrates; queries that accept stale stores keep answering from what is local.
 */
final class QueriesDuringRebalance implements Experiment {
    static final Mode.Size PHASE_SECONDS = new Mode.Size(2, 5);
    static final int PARTITIONS = 4;
    static final int KEYS = 1_000;
    static final Duration QUERY_PACE = Duration.ofMillis(2);

    private static final About ABOUT = new About("iq-during-rebalance", "Operations: interactive queries during a "
            + "rebalance",
            "Can a dashboard keep querying a store while instances join and leave?",
            "While a store migrates, strict interactive queries throw InvalidStateStoreException; enableStaleStores() "
                    + "keeps answering from local (possibly slightly old) state; keys that moved must be routed to "
                    + "their new owner.",
            "4 partitions, count store over 1,000 keys on instance A; two query loops on A (strict, and with "
                    + "enableStaleStores) every 2 ms; instance B joins (until it owns tasks), then leaves; " + PHASE_SECONDS.text()
                    + " s per phase; classic and streams protocol.",
            "Retry queries with back-off, allow stale reads where the use case accepts them, and route by "
                    + "queryMetadataForKey (see iq-rpc).",
            List.of(Source.docs("streams/developer-guide/interactive-queries", "Interactive queries"),
                    Source.kip(535, "Allow state stores to serve stale reads during rebalance")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        Duration phase = Duration.ofSeconds(PHASE_SECONDS.of(lab.mode()));
        return lab.rows(lab.trials(
                lab.arm(Protocol.CLASSIC.label(), bench -> once(bench, Protocol.CLASSIC, phase)),
                lab.arm(Protocol.STREAMS.label(), bench -> once(bench, Protocol.STREAMS, phase))));
    }

    private static Take once(Workbench bench, Protocol protocol, Duration phase) throws InterruptedException {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        bench.produceKeyed(in, KEYS, KEYS, 10);
        Topology topology = CountByKey.topology(in, new AtomicLong());
        StreamsRunner a = bench.app(appId, "a", topology, protocol.config()).startAndAwaitRunning();
        ReadOnlyKeyValueStore<String, Long> strictStore = a.store(CountByKey.STORE, QueryableStoreTypes.keyValueStore(),
                StreamsRunner.START_TIMEOUT);
        Await.until(Duration.ofSeconds(60), "all keys to be counted", () -> strictStore.get("k" + (KEYS - 1)) != null);
        ReadOnlyKeyValueStore<String, Long> staleStore = a.streams().store(StoreQueryParameters.fromNameAndType(CountByKey.STORE,
                QueryableStoreTypes.<String, Long>keyValueStore()).enableStaleStores());
        AtomicBoolean running = new AtomicBoolean(true);
        long[] strict = new long[3];
        long[] stale = new long[3];
        AtomicLong longestOutageMs = new AtomicLong();
        Thread loop = new Thread(() -> {
            long outageStart = 0;
            while (running.get()) {
                String key = "k" + ThreadLocalRandom.current().nextInt(KEYS);
                boolean ok = query(() -> strictStore.get(key), strict);
                long now = System.nanoTime();
                if (!ok && outageStart == 0) {
                    outageStart = now;
                } else if (ok && outageStart != 0) {
                    longestOutageMs.accumulateAndGet((now - outageStart) / 1_000_000, Math::max);
                    outageStart = 0;
                }
                query(() -> staleStore.get(key), stale);
                Timed.pace(QUERY_PACE);
            }
        }, "limits-iq-loop");
        loop.start();
        try {
            Timed.observe(phase);
            StreamsRunner second = bench.app(appId, "b", topology, protocol.config()).startAndAwaitRunning();
            Await.until(StreamsRunner.START_TIMEOUT, "the second instance to own tasks", () -> Tasks.active(second) > 0);
            Timed.observe(phase);
            second.close();
            Timed.observe(phase);
        } finally {
            running.set(false);
            loop.join();
        }
        long total = strict[0] + strict[1] + strict[2];
        return new Take().figure("strictFailedPercent", 100.0 * strict[2] / total)
                .figure("longestStrictOutageMs", longestOutageMs.get())
                .figure("staleFailedPercent", 100.0 * stale[2] / (stale[0] + stale[1] + stale[2]))
                .figure("strictMissingPercent", 100.0 * strict[1] / total)
                .figure("rebalancesSeenByA", a.rebalances());
    }

    /** Runs one query; counts {answered, key not found (moved away), failed}; true unless it failed. */
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

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        for (Protocol p : Protocol.values()) {
            s.append(s.isEmpty() ? "" : "; ").append(p.label()).append(": strict queries failed ")
                    .append(LimitsReport.format(e.figure(Lab.RUN, p.label(), "strictFailedPercent")))
                    .append(" % (longest outage ")
                    .append(LimitsReport.format(e.figure(Lab.RUN, p.label(), "longestStrictOutageMs")))
                    .append(" ms), stale-allowed ")
                    .append(LimitsReport.format(e.figure(Lab.RUN, p.label(), "staleFailedPercent"))).append(" %");
        }
        return Finding.of(Verdict.WORKS_WITH_COST, s.toString());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("longest strict-query outage (ms)", "longestStrictOutageMs"));
    }
}
