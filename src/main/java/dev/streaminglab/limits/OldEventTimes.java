package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Old event times against changelog retention: a window store's changelog is written with the records' event time
 * and gets time retention (store retention + 1 day). Replayed history a month old is past that the moment it is
 * written, so the broker deletes it at its next retention check, and an instance that restores the store from the
 * changelog gets nothing back. Runs on the lab's second cluster, which checks retention every second.
 */
final class OldEventTimes implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(100, 10_000);
    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration STORE_RETENTION = Duration.ofDays(1);
    static final Duration AGE = Duration.ofDays(30);
    static final String STORE = "counts";

    private static final About ABOUT = new About("old-event-times", "Time: old event times vs changelog retention",
            "What happens to the state of a replay of month-old data when an instance restores it?",
            "Window-store changelogs carry event time and time retention (store retention + "
                    + "windowstore.changelog.additional.retention.ms, 1 day): the broker deletes replayed old data "
                    + "from them, and a restore comes back empty although the store was full.",
            "1 partition, 1 h tumbling count with 1 day store retention over " + KEYS.text() + " keys whose "
                    + "event time is 30 days old; wait for the broker's retention check; stop, wipe the local state, "
                    + "restart and query; once with the default changelog, once with changelog retention.ms=-1.",
            "For replays of history, give the changelog retention that covers the event times (retention.ms in "
                    + "Materialized.withLoggingEnabled) or replay with current timestamps and the original time in "
                    + "the payload; keep windowed state for recent data.",
            List.of(Source.docs("streams/developer-guide/config-streams",
                            "Streams configuration, windowstore.changelog.additional.retention.ms"),
                    Source.docs("configuration/topic-configs", "Topic configuration, retention.ms and cleanup.policy")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Hourly counts in store {@value #STORE}; {@code changelog} holds extra configs for its changelog topic. */
    static Topology topology(String in, Map<String, String> changelog, AtomicLong seen) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).peek((k, v) -> seen.incrementAndGet()).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE)
                        .withRetention(STORE_RETENTION).withLoggingEnabled(changelog));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int keys = KEYS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.armOnSecondCluster("default changelog", bench -> once(bench, keys, Map.of())),
                lab.armOnSecondCluster("changelog retention.ms=-1",
                        bench -> once(bench, keys, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))));
    }

    private static Take once(Workbench bench, int keys, Map<String, String> changelogConfig) {
        String in = bench.topic("in", 1);
        String appId = bench.appId("app");
        AtomicLong seen = new AtomicLong();
        Topology topology = topology(in, changelogConfig, seen);
        StreamsRunner first = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        long eventTime = System.currentTimeMillis() - AGE.toMillis();
        bench.produce(in, IntStream.range(0, keys).mapToObj(i -> Rec.of("k" + i, "v", eventTime)).toList());
        Await.until(Duration.ofSeconds(60), "the replayed records to be counted", () -> seen.get() >= keys);
        long windowsBefore = windows(first, eventTime);
        first.close();
        TopicPartition changelog = new TopicPartition(appId + "-" + STORE + "-changelog", 0);
        long written = offset(bench, changelog, OffsetSpec.latest());
        long t0 = System.nanoTime();
        boolean deleted = Await.within(watchFor(changelogConfig),
                () -> offset(bench, changelog, OffsetSpec.earliest()) >= written);
        long deletedAfterMs = Timed.millisSince(t0);
        StreamsRunner again = bench.app(appId, "a", topology, Map.of());
        again.streams().cleanUp();
        RestoreTimer restores = again.restores();
        again.startAndAwaitRunning();
        Take take = new Take().fact("keys", keys)
                .fact("changelogRetentionMs", bench.topicConfig(changelog.topic(), TopicConfig.RETENTION_MS_CONFIG))
                .fact("windowsBeforeRestart", windowsBefore)
                .fact("changelogRecordsWritten", written)
                .fact("changelogRecordsLeft", written - offset(bench, changelog, OffsetSpec.earliest()))
                .fact("restoredRecords", restores.restoredRecords())
                .fact("windowsAfterRestore", windows(again, eventTime));
        return deleted ? take.figure("msUntilBrokerDeleted", deletedAfterMs) : take;
    }

    /**
     * How long to watch for the deletion: at most a minute where it is expected; three retention checks where it
     * must not happen (a fixed observation: nothing may change during it).
     */
    private static Duration watchFor(Map<String, String> changelogConfig) {
        return SecondCluster.RETENTION_CHECK.multipliedBy(changelogConfig.isEmpty() ? 60 : 3);
    }

    private static long offset(Workbench bench, TopicPartition tp, OffsetSpec spec) {
        Map<TopicPartition, ListOffsetsResultInfo> r = KafkaFutures.await(
                bench.admin().listOffsets(Map.of(tp, spec)).all(), "listing offsets of " + tp);
        return r.get(tp).offset();
    }

    private static long windows(StreamsRunner app, long eventTime) {
        ReadOnlyWindowStore<String, Long> store = app.store(STORE, QueryableStoreTypes.windowStore(),
                StreamsRunner.START_TIMEOUT);
        try (var it = store.fetchAll(Instant.ofEpochMilli(eventTime - WINDOW.toMillis()),
                Instant.ofEpochMilli(eventTime + WINDOW.toMillis()))) {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false).count();
        }
    }

    @Override
    public Finding read(Evidence e) {
        String plain = "default changelog";
        String kept = "changelog retention.ms=-1";
        return new Finding(Verdict.LIMIT, e.count(Lab.RUN, plain, "windowsBeforeRestart") + " windows of 30-day-old "
                + "data in the store; the broker deleted " + (e.count(Lab.RUN, plain, "changelogRecordsWritten")
                - e.count(Lab.RUN, plain, "changelogRecordsLeft")) + " of " + e.count(Lab.RUN, plain,
                "changelogRecordsWritten") + " changelog records (retention.ms " + e.text(Lab.RUN, plain,
                "changelogRetentionMs") + "); after a restore with wiped local state the store held "
                + e.count(Lab.RUN, plain, "windowsAfterRestore") + " windows",
                "with changelog retention.ms=-1 the restore brought back " + e.count(Lab.RUN, kept, "restoredRecords")
                        + " records and " + e.count(Lab.RUN, kept, "windowsAfterRestore") + " windows");
    }
}
