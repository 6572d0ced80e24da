package dev.streaminglab.limits;

import dev.streaminglab.cluster.JavaProcess;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.measure.Row;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A crash (kill -9) under exactly-once and at-least-once. Kafka Streams 4.3 cannot tell what of a RocksDB store was
 * committed when an exactly-once task stops uncleanly, so it wipes the local state and restores the whole changelog;
 * at-least-once keeps the store and replays only the changelog's tail after its last checkpoint. KIP-892
 * (transactional state stores, adopted for 4.4) removes the wipe.
 */
final class ExactlyOnceCrash implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(20_000, 100_000);
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private static final About ABOUT = new About("eos-crash-state", "State: a crash under exactly-once",
            "How much state does an instance restore after a kill -9, under exactly-once and at-least-once?",
            "In Kafka Streams 4.3 an unclean stop under exactly-once wipes the task's local state, rebuilt from the "
                    + "changelog on restart; at-least-once restores only the records after the last checkpoint. "
                    + "KIP-892 (Kafka 4.4) makes state stores transactional and ends the wipe.",
            "1 partition, count store over " + KEYS.text() + " distinct keys, commit interval 1 s; "
                    + "the instance runs in a child JVM and is killed with SIGKILL once every input offset is "
                    + "committed; an instance with the same state folder restarts; exactly_once_v2 and at_least_once.",
            "Budget restore time for every crash under exactly-once (state size / restore rate), keep standbys "
                    + "for fast failover, or plan the upgrade to 4.4 (KIP-892); at-least-once with idempotent "
                    + "consumers restores less.",
            List.of(Source.kip(892, "Transactional Semantics for StateStores"),
                    Source.kip(1035, "StateStore managed changelog offsets"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, processing.guarantee"),
                    new Source("Kafka Streams KIP overview (KIP-892 in 4.4)",
                            "https://cwiki.apache.org/confluence/spaces/KAFKA/pages/145722102/Kafka+Streams+KIP+Overview")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        int keys = KEYS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm("exactly_once_v2", bench -> once(bench, keys, StreamsConfig.EXACTLY_ONCE_V2)),
                lab.arm("at_least_once", bench -> once(bench, keys, StreamsConfig.AT_LEAST_ONCE))));
    }

    private static Take once(Workbench bench, int keys, String guarantee) throws IOException, InterruptedException {
        String in = bench.topic("in", 1);
        String appId = bench.appId("app");
        bench.produceKeyed(in, keys, keys, 20);
        Map<String, Object> config = Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) COMMIT_INTERVAL.toMillis(),
                // The killed member stays in the group until its session times out: the broker's minimum.
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        Path props = bench.stateDir("child.properties");
        Files.createDirectories(props.getParent());
        Properties text = new Properties();
        bench.streamsProps(appId, "a", config).forEach((k, v) -> text.put(k, v instanceof Class<?> c ? c.getName()
                : String.valueOf(v)));
        try (Writer w = Files.newBufferedWriter(props)) {
            text.store(w, "the crashing instance");
        }
        Process child = JavaProcess.start(List.of("-Xmx256m"), ExactlyOnceCrash.class.getName(),
                List.of(props.toString(), in), bench.stateDir("child.log"));
        try {
            TopicPartition tp = new TopicPartition(in, 0);
            Await.until(Duration.ofMinutes(3), () -> "the child instance to commit all " + keys + " offsets (log: "
                    + bench.stateDir("child.log") + ")", () -> committed(bench, appId, tp) >= keys || !child.isAlive());
            if (!child.isAlive()) {
                throw new IllegalStateException("the child instance exited with " + child.exitValue() + ": see "
                        + bench.stateDir("child.log"));
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        StreamsRunner again = bench.app(appId, "a", CountByKey.topology(in, new AtomicLong()), config);
        RestoreTimer restores = again.restores();
        long t0 = System.nanoTime();
        again.startAndAwaitRunning();
        long toRunning = Timed.millisSince(t0);
        long restored = restores.restoredRecords();
        // Committed records, not offsets: under exactly-once the changelog's offsets also count transaction markers.
        // Read once the new instance has aborted the killed one's open transaction; it has no input left to write.
        long changelogRecords = TopicReader.bytes(bench.kafka())
                .toEnd(appId + "-" + CountByKey.STORE + "-changelog", Duration.ofMinutes(1)).size();
        return new Take().figure("msToRunningAfterKill", toRunning)
                .figure("restoreMs", restores.restoreMs())
                .figure("restoredRecords", restored)
                .fact("keys", keys)
                .fact("changelogRecords", changelogRecords)
                .fact("wholeChangelogRestored", restored >= changelogRecords);
    }

    private static long committed(Workbench bench, String group, TopicPartition tp) {
        Map<TopicPartition, OffsetAndMetadata> offsets = KafkaFutures.await(
                bench.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "reading offsets");
        OffsetAndMetadata o = offsets.get(tp);
        return o == null ? 0 : o.offset();
    }

    /** The child JVM: runs the topology with the given properties until it is killed. */
    public static void main(String... args) throws IOException, InterruptedException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        KafkaStreams streams = new KafkaStreams(CountByKey.topology(args[1], new AtomicLong()), p);
        streams.start();
        new CountDownLatch(1).await();
    }

    @Override
    public Finding read(Evidence e) {
        String eos = "exactly_once_v2";
        String alos = "at_least_once";
        return new Finding(Verdict.LIMIT, "after kill -9, exactly-once restored "
                + LimitsReport.format(e.figure(Lab.RUN, eos, "restoredRecords")) + " of "
                + e.count(Lab.RUN, eos, "changelogRecords") + " changelog records (whole changelog: "
                + e.flag(Lab.RUN, eos, "wholeChangelogRestored") + ") and ran again after "
                + LimitsReport.format(e.figure(Lab.RUN, eos, "msToRunningAfterKill")) + " ms; at-least-once restored "
                + LimitsReport.format(e.figure(Lab.RUN, alos, "restoredRecords")) + " (whole changelog: "
                + e.flag(Lab.RUN, alos, "wholeChangelogRestored") + ") and ran after "
                + LimitsReport.format(e.figure(Lab.RUN, alos, "msToRunningAfterKill")) + " ms", "");
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("records restored after kill -9", "restoredRecords"));
    }
}
