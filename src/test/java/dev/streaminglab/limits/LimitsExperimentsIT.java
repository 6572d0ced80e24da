package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.measure.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment of the catalogue in quick mode against the shared real cluster: each must write well-formed
 * results that its own reader can read back, and the facts are asserted exactly. Each experiment runs once per test
 * JVM; the fact tests read the same results.
 */
class LimitsExperimentsIT {
    private static final Map<String, Evidence> RESULTS = new ConcurrentHashMap<>();
    private static final LimitsResults STORE = new LimitsResults(Path.of("target", "limits-results"));
    private static Lab lab;

    static synchronized Evidence evidence(String name) {
        if (lab == null) {
            lab = new Lab(SharedCluster.connection(), Mode.QUICK, 42, Set.of());
        }
        return RESULTS.computeIfAbsent(name, n -> {
            Experiment e = Catalogue.named(n);
            var results = lab.run(e);
            STORE.write(n, results);
            return new Evidence(e.about(), results);
        });
    }

    @AfterAll
    static synchronized void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    static Stream<String> names() {
        return Catalogue.all().stream().map(e -> e.about().name());
    }

    @Test
    void theCatalogueHasUniquelyNamedExperiments() {
        assertThat(names().toList()).hasSize(32).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyExperimentWritesResultsItsReaderReadsBack(String name) {
        Evidence e = evidence(name);
        assertThat(e.results().stamp().profile()).isEqualTo("quick");
        assertThat(e.results().stamp().machine().kafkaVersion()).isEqualTo("4.3.1");
        assertThat(e.results().notes()).as("facts that differed between runs").isEmpty();
        assertThat(e.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.group()).isEqualTo(name));
        Evidence stored = STORE.read(name).orElseThrow();
        assertThat(Catalogue.finding(stored)).isEqualTo(Catalogue.finding(e));
    }

    private static long keysOnPartition(int keys, int partitions, int partition) {
        return IntStream.range(0, keys).filter(i -> CoPartitioning.partition("k" + i, partitions) == partition).count();
    }

    @Test
    void rebalancesLoseNoRecordAndEagerRebalancingCannotBeChosen() {
        Evidence e = evidence("rebalance-pause");
        assertThat(e.count(Lab.RUN, "classic", "lostRecords")).isZero();
        assertThat(e.count(Lab.RUN, "streams", "lostRecords")).isZero();
        assertThat(e.text(Lab.RUN, "classic", "eagerProtocol")).startsWith("ConfigException: Invalid value 2.3 for "
                + "configuration upgrade.from");
    }

    @Test
    void aStaticMemberRestartCausesNoRebalanceAndTheStreamsProtocolRefusesStaticMembership() {
        Evidence e = evidence("static-membership");
        assertThat(e.flag(Lab.RUN, "classic, dynamic", "peerRebalanced")).isTrue();
        assertThat(e.flag(Lab.RUN, "classic, static", "peerRebalanced")).isFalse();
        assertThat(e.text(Lab.RUN, "streams, static", "configuration")).isEqualTo("ConfigException: Streams rebalance "
                + "protocol does not support static membership. Please set group.protocol=classic or remove "
                + "group.instance.id from the configuration.");
    }

    @Test
    void theStreamsProtocolIsOnButIgnoresClientStandbysAndRefusesPatternsAndOnlineMigration() {
        Evidence e = evidence("protocol-support");
        assertThat(e.count(Lab.RUN, "brokers", "streamsVersionFinalized")).isEqualTo(1);
        assertThat(e.count(Lab.RUN, "client standby and warm-up settings", "standbyTasks")).isZero();
        assertThat(e.text(Lab.RUN, "client standby and warm-up settings", "warnings"))
                .contains("Standby replicas are configured broker-side in the streams group protocol and will be "
                        + "ignored").contains("Warmup replicas are not supported yet with the streams protocol");
        assertThat(e.text(Lab.RUN, "topic pattern source", "error")).isEqualTo("UnsupportedOperationException: Pattern "
                + "subscriptions are not supported with the STREAMS protocol.");
        assertThat(e.text(Lab.RUN, "online migration from classic", "state")).isEqualTo("ERROR");
        assertThat(e.text(Lab.RUN, "online migration from classic", "error"))
                .isEqualTo("GroupIdNotFoundException: Group app is not a streams group.");
    }

    @Test
    void withoutStandbyTheSurvivorReplaysTheLeaversWholePartitionUnderBothProtocols() {
        Evidence e = evidence("standby-failover");
        long keys = e.count(Lab.RUN, "classic, 0 standby", "keys");
        List<Long> partitions = List.of(keysOnPartition((int) keys, 2, 0), keysOnPartition((int) keys, 2, 1));
        for (String protocol : List.of("classic", "streams")) {
            assertThat(e.count(Lab.RUN, protocol + ", 0 standby", "restoredBySurvivor")).isIn(partitions);
            assertThat(e.count(Lab.RUN, protocol + ", 1 standby", "restoredBySurvivor")).isZero();
            assertThat(e.count(Lab.RUN, protocol + ", 1 standby", "standbyTasksBeforeFailover")).isEqualTo(1);
        }
    }

    @Test
    void restoreReadsTheWholeChangelog() {
        Evidence e = evidence("restore-time");
        assertThat(e.rows()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("10,000 keys");
            assertThat(((Number) r.facts().get("restored_records")).longValue()).isEqualTo(10_000);
        });
    }

    @Test
    void aKillUnderExactlyOnceRestoresTheWholeChangelog() {
        Evidence e = evidence("eos-crash-state");
        assertThat(e.count(Lab.RUN, "exactly_once_v2", "changelogRecords")).isEqualTo(20_000);
        assertThat(e.flag(Lab.RUN, "exactly_once_v2", "wholeChangelogRestored")).isTrue();
    }

    @Test
    void rocksDbInstancesAddUpAndASharedCacheBoundsThem() {
        Evidence e = evidence("rocksdb-memory");
        assertThat(e.count(Lab.RUN, "unbounded", "rocksDbInstances")).isEqualTo(6);
        assertThat(e.flag(Lab.RUN, "bounded, shared 8 MB", "withinBound")).isTrue();
    }

    @Test
    void anInMemoryStoreReplaysItsChangelogOnEveryRestartRocksDbDoesNot() {
        Evidence e = evidence("in-memory-store");
        assertThat(e.count(Lab.RUN, "in-memory", "restoredOnCleanRestart")).isEqualTo(20_000);
        assertThat(e.count(Lab.RUN, "RocksDB", "restoredOnCleanRestart")).isZero();
    }

    @Test
    void recordsLaterThanGraceAreLoggedAtWarnAndCountedAsDropped() {
        Evidence e = evidence("late-data-grace");
        assertThat(e.count(Lab.RUN, "grace 5 s", "countWindow0s")).isEqualTo(4);
        assertThat(e.count(Lab.RUN, "grace 5 s", "countWindow10s")).isEqualTo(2);
        assertThat(e.count(Lab.RUN, "grace 5 s", "windowUpdatesEmitted")).isEqualTo(6);
        assertThat(e.count(Lab.RUN, "grace 5 s", "droppedRecordsMetric")).isEqualTo(2);
        assertThat(e.count(Lab.RUN, "grace 5 s", "warnLines")).isEqualTo(2);
        assertThat(e.text(Lab.RUN, "grace 5 s", "firstWarnLine")).isEqualTo("WARN Skipping record for expired window. "
                + "topic=[in] partition=[0] offset=[6] timestamp=[4000] window=[0,10000) expiration=[11000] "
                + "streamTime=[16000]");
        assertThat(e.count(Lab.RUN, "grace 15 s", "countWindow0s")).isEqualTo(6);
        assertThat(e.count(Lab.RUN, "grace 15 s", "droppedRecordsMetric")).isZero();
        assertThat(e.count(Lab.RUN, "grace 15 s", "warnLines")).isZero();
    }

    @Test
    void aWindowPastItsRetentionIsNoLongerQueryableButStaysInTheOutputTopic() {
        Evidence e = evidence("window-retention");
        assertThat(e.count(Lab.RUN, "retention 1 min", "countBefore")).isEqualTo(1);
        assertThat(e.count(Lab.RUN, "retention 1 min", "countAfterRetention")).isZero();
        assertThat(e.count(Lab.RUN, "retention 1 min", "windowsLeftInStore")).isEqualTo(1);
        assertThat(e.count(Lab.RUN, "retention 1 min", "countInOutputTopicAfterRetention")).isEqualTo(1);
    }

    @Test
    void theBrokerDeletesOldEventTimesFromTheChangelogAndTheRestoreComesBackEmpty() {
        Evidence e = evidence("old-event-times");
        String plain = "default changelog";
        assertThat(e.count(Lab.RUN, plain, "windowsBeforeRestart")).isEqualTo(100);
        assertThat(e.count(Lab.RUN, plain, "changelogRecordsWritten")).isEqualTo(100);
        assertThat(e.count(Lab.RUN, plain, "changelogRecordsLeft")).isZero();
        assertThat(e.count(Lab.RUN, plain, "restoredRecords")).isZero();
        assertThat(e.count(Lab.RUN, plain, "windowsAfterRestore")).isZero();
        assertThat(e.text(Lab.RUN, plain, "changelogRetentionMs")).isEqualTo("172800000");
        String kept = "changelog retention.ms=-1";
        assertThat(e.count(Lab.RUN, kept, "changelogRecordsLeft")).isEqualTo(100);
        assertThat(e.count(Lab.RUN, kept, "restoredRecords")).isEqualTo(100);
        assertThat(e.count(Lab.RUN, kept, "windowsAfterRestore")).isEqualTo(100);
    }

    @Test
    void aFutureEventTimeIsRefusedByTheBrokerAndStopsAnApplicationWithoutAHandler() {
        Evidence e = evidence("future-timestamps");
        assertThat(e.text(Lab.RUN, "default handlers", "brokerLimit")).isEqualTo("3600000");
        assertThat(e.text(Lab.RUN, "default handlers", "state")).isEqualTo("ERROR");
        // The refused record's own send fails with InvalidTimestampException; when a good record shares its batch,
        // the broker refuses the whole batch and the first error the application sees may be that one.
        assertThat(e.text(Lab.RUN, "default handlers", "error")).satisfiesAnyOf(
                error -> assertThat(error).startsWith("InvalidTimestampException"),
                error -> assertThat(error).isEqualTo("KafkaException: Failed to append record because it was part of a "
                        + "batch which had one more more invalid records"));
        assertThat(e.text(Lab.RUN, "production handler resumes", "state")).isEqualTo("RUNNING");
        // The broker refuses a whole batch for one bad record, so the handler also skips the good records that shared
        // its batch: how many get out depends on batching (20, 1 and 0 seen), the future one never does.
        assertThat(e.count(Lab.RUN, "production handler resumes", "outputRecords")).isBetween(0L, 20L);
        assertThat(e.count(Lab.RUN, "production handler resumes", "refusedWritesResumed")).isPositive();
        assertThat(e.text(Lab.RUN, "event time checked at the edge", "state")).isEqualTo("RUNNING");
        assertThat(e.count(Lab.RUN, "event time checked at the edge", "outputRecords")).isEqualTo(20);
        assertThat(e.count(Lab.RUN, "event time checked at the edge", "rejectedAtTheEdge")).isEqualTo(1);
    }

    @Test
    void streamTimePunctuationNeverFiresWithoutRecordsButWallClockDoes() {
        Evidence e = evidence("punctuation-time");
        assertThat(e.count(Lab.RUN, "idle 3 s", "streamTimeFiresWithRecords")).isEqualTo(20);
        assertThat(e.count(Lab.RUN, "idle 3 s", "streamTimeFiresWhileIdle")).isZero();
        assertThat(e.flag(Lab.RUN, "idle 3 s", "wallClockFiredWhileIdle")).isTrue();
    }

    @Test
    void anIdlePartitionKeepsItsWindowOpenUntilAHeartbeatArrives() {
        Evidence e = evidence("idle-partition");
        assertThat(e.text(Lab.RUN, "idle 3 s", "emittedAfterIdle")).isEqualTo("a@0");
        assertThat(e.text(Lab.RUN, "idle 3 s", "emittedAfterHeartbeat")).isEqualTo("a@0,b@0");
    }

    @Test
    void suppressionHoldsEveryWindowUntilStreamTimeAdvances() {
        Evidence e = evidence("suppression");
        String unbounded = Suppression.Buffer.UNBOUNDED.label;
        assertThat(e.count(Lab.RUN, unbounded, "bufferedRecordsMax")).isEqualTo(1_000);
        assertThat(e.count(Lab.RUN, unbounded, "emittedBeforeStreamTimeAdvanced")).isZero();
        assertThat(e.count(Lab.RUN, unbounded, "emittedInTotal")).isEqualTo(1_000);
        String full = Suppression.Buffer.SHUT_DOWN_WHEN_FULL.label;
        assertThat(e.text(Lab.RUN, full, "state")).isEqualTo("ERROR");
        assertThat(e.text(Lab.RUN, full, "error")).contains("buffer exceeded its max capacity. Currently [101/100] "
                + "records");
        String early = Suppression.Buffer.EMIT_EARLY_WHEN_FULL.label;
        assertThat(e.count(Lab.RUN, early, "emittedBeforeStreamTimeAdvanced")).isEqualTo(900);
        assertThat(e.count(Lab.RUN, early, "emittedInTotal")).isEqualTo(1_000);
        String close = Suppression.Buffer.ON_WINDOW_CLOSE.label;
        assertThat(e.count(Lab.RUN, close, "emittedBeforeStreamTimeAdvanced")).isZero();
        assertThat(e.count(Lab.RUN, close, "emittedInTotal")).isEqualTo(1_000);
        assertThat(e.count(Lab.RUN, close, "bufferedRecordsMax")).isZero();
    }

    @Test
    void aCoPartitioningMismatchMissesJoinsUnderClassicAndIsRefusedUnderTheStreamsProtocol() {
        Evidence e = evidence("co-partitioning");
        assertThat(e.count(Lab.RUN, "classic, join alone", "joined")).isEqualTo(CoPartitioning.predictedJoins());
        assertThat(e.text(Lab.RUN, "classic, join alone", "state")).isEqualTo("RUNNING");
        assertThat(e.text(Lab.RUN, "classic, with a repartition topic", "state")).isEqualTo("ERROR");
        assertThat(e.text(Lab.RUN, "classic, with a repartition topic", "error"))
                .isEqualTo("TopologyException: Topics not co-partitioned: [{devices=2, readings=3}]");
        for (String arm : List.of("streams, join alone", "streams, with a repartition topic")) {
            assertThat(e.text(Lab.RUN, arm, "state")).isEqualTo("ERROR");
            assertThat(e.text(Lab.RUN, arm, "error")).isEqualTo("TopologyException: Invalid topology: Following topics "
                    + "do not have the same number of partitions: [{devices=2, readings=3}]");
        }
    }

    @Test
    void reKeyingCopiesEveryRecordThroughARepartitionTopic() {
        Evidence e = evidence("repartition-cost");
        assertThat(e.count(Lab.RUN, RepartitionCost.RE_KEY, "repartitionTopicRecords")).isEqualTo(20_000);
        assertThat(e.count(Lab.RUN, RepartitionCost.BY_KEY, "repartitionTopicRecords")).isZero();
    }

    @Test
    void aForeignKeyUpdateReEmitsEveryReferencingRow() {
        Evidence e = evidence("foreign-key-join");
        assertThat(e.count(Lab.RUN, "1 device updated", "reEmittedAfterDeviceUpdate")).isEqualTo(20);
        assertThat(e.count(Lab.RUN, "1 device updated", "reEmittedWithNewSite")).isEqualTo(20);
        assertThat(e.count(Lab.RUN, "1 device updated", "subscriptionTopics")).isEqualTo(3);
    }

    @Test
    void aGlobalTableHoldsEveryKeyWhenItReportsRunning() {
        assertThat(evidence("globalktable-bootstrap").count(Lab.RUN, GlobalTableBootstrap.GLOBAL,
                "keysLoadedAtRunning")).isEqualTo(5_000);
    }

    @Test
    void exactlyOnceIsComparedWithAtLeastOnceAtTheSameCommitInterval() {
        Evidence e = evidence("exactly-once-overhead");
        assertThat(e.rows()).extracting(Row::arm).containsExactly("at_least_once, commit 1000 ms, cache on",
                "exactly_once_v2, commit 1000 ms, cache on",
                "exactly_once_v2, commit 1000 ms, cache on ÷ at_least_once, commit 1000 ms, cache on");
        assertThat(((Number) e.rows().get(0).params().get("records")).longValue()).isEqualTo(10_000);
    }

    @Test
    void exactlyOnceKeepsKafkaOutputExactButReplaysTheHttpCall() {
        Evidence e = evidence("exactly-once-side-effects");
        String arm = "exactly_once_v2, 1 crash";
        assertThat(e.count(Lab.RUN, arm, "outputRecords")).isEqualTo(500);
        assertThat(e.count(Lab.RUN, arm, "distinctOutputKeys")).isEqualTo(500);
        assertThat(e.count(Lab.RUN, arm, "threadFailures")).isEqualTo(1);
        assertThat(e.flag(Lab.RUN, arm, "httpCallsReplayed")).isTrue();
    }

    @Test
    void aDuplicateIsCountedTwiceEvenFromAnIdempotentProducerUnlessAStoreRemembersIds() {
        Evidence e = evidence("no-deduplication");
        assertThat(e.count(Lab.RUN, "plain count", "inputRecords")).isEqualTo(120);
        assertThat(e.count(Lab.RUN, "plain count", "countedReadings")).isEqualTo(120);
        assertThat(e.count(Lab.RUN, "count behind a dedupe store", "countedReadings")).isEqualTo(100);
    }

    @Test
    void theDefaultHandlersStopTheApplicationAndContinuingOnesKeepTheBadRecords() {
        Evidence e = evidence("error-handlers");
        String defaults = ErrorHandlers.Handling.DEFAULTS.label;
        assertThat(e.text(Lab.RUN, defaults, "state")).isEqualTo("ERROR");
        // How many of the 10 results before the bad record got out depends on the producer's buffer at the crash
        // (0, 9 and 10 seen); a result after it never does.
        assertThat(e.count(Lab.RUN, defaults, "outputs")).isBetween(0L, 10L);
        assertThat(e.text(Lab.RUN, defaults, "error")).startsWith("SerializationException: Size of data received by "
                + "LongDeserializer is not 8");
        String deser = ErrorHandlers.Handling.DESERIALIZATION_ONLY.label;
        assertThat(e.text(Lab.RUN, deser, "state")).isEqualTo("ERROR");
        assertThat(e.count(Lab.RUN, deser, "outputs")).isBetween(0L, 12L);
        assertThat(e.text(Lab.RUN, deser, "error")).isEqualTo("IllegalArgumentException: reading 13 cannot be processed");
        String dlq = ErrorHandlers.Handling.CONTINUE_WITH_DLQ.label;
        assertThat(e.text(Lab.RUN, dlq, "state")).isEqualTo("RUNNING");
        assertThat(e.count(Lab.RUN, dlq, "outputs")).isEqualTo(19);
        assertThat(e.count(Lab.RUN, dlq, "deadLetters")).isEqualTo(2);
        assertThat(e.count(Lab.RUN, dlq, "droppedRecordsMetric")).isEqualTo(2);
    }

    @Test
    void threadsBeyondThePartitionCountGetNoTask() {
        Evidence e = evidence("max-parallelism");
        assertThat(e.count(Lab.RUN, "6 threads", "activeTasks")).isEqualTo(4);
        assertThat(e.count(Lab.RUN, "6 threads", "busyThreads")).isEqualTo(4);
        assertThat(e.count(Lab.RUN, "6 threads", "idleThreads")).isEqualTo(2);
        assertThat(e.count(Lab.RUN, "1 thread", "activeTasks")).isEqualTo(4);
    }

    @Test
    void growingTheInputStopsTheApplicationAndANewApplicationIdRunsOneTaskPerPartition() {
        Evidence e = evidence("partition-count");
        String arm = "2 -> 4 partitions";
        assertThat(e.count(Lab.RUN, arm, "tasksWith2Partitions")).isEqualTo(2);
        assertThat(e.count(Lab.RUN, arm, "changelogPartitions")).isEqualTo(2);
        assertThat(e.text(Lab.RUN, arm, "sameApplicationAfterGrowth")).isEqualTo("ERROR");
        assertThat(e.text(Lab.RUN, arm, "error")).startsWith("StreamsException: Existing internal topic "
                + "app-counts-changelog has invalid partitions: expected: 4; actual: 2.");
        assertThat(e.count(Lab.RUN, arm, "newApplicationTasks")).isEqualTo(4);
    }

    @Test
    void streamsNeverAddsThreadsByItself() {
        Evidence e = evidence("no-autoscaling");
        assertThat(e.count(Lab.RUN, "1 thread, then 4", "threadsWhileLagGrew")).isEqualTo(1);
        assertThat(e.flag(Lab.RUN, "1 thread, then 4", "lagGrew")).isTrue();
        assertThat(e.count(Lab.RUN, "1 thread, then 4", "threadsAfterManualScaleUp")).isEqualTo(4);
    }

    @Test
    void anApplicationResetReprocessesFromScratchOnceTheBrokerDeletedTheInternalTopics() {
        Evidence e = evidence("application-reset");
        String arm = "reset and rerun";
        assertThat(e.count(Lab.RUN, arm, "resetExitCode")).isZero();
        assertThat(e.count(Lab.RUN, arm, "internalTopicsBefore")).isEqualTo(1);
        assertThat(e.count(Lab.RUN, arm, "internalTopicsAfterDeletion")).isZero();
        assertThat(e.count(Lab.RUN, arm, "updatesAfterReset")).isEqualTo(1_000);
        assertThat(e.count(Lab.RUN, arm, "countK0FirstRun")).isEqualTo(100);
        assertThat(e.count(Lab.RUN, arm, "countK0AfterReset")).isEqualTo(100);
    }

    @Test
    void renamingAStoreStartsFromEmptyState() {
        Evidence e = evidence("store-rename");
        String arm = "counts-v1 -> counts-v2";
        assertThat(e.count(Lab.RUN, arm, "countBeforeRename")).isEqualTo(10);
        assertThat(e.count(Lab.RUN, arm, "countAfterRenameAnd5More")).isEqualTo(5);
        assertThat(e.flag(Lab.RUN, arm, "oldChangelogStillExists")).isTrue();
    }

    @Test
    void interactiveQueriesDuringARebalanceAreMeasuredUnderBothProtocols() {
        Evidence e = evidence("iq-during-rebalance");
        for (String protocol : List.of("classic", "streams")) {
            assertThat(e.figure(Lab.RUN, protocol, "strictFailedPercent").median()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void aLocalStoreAnswersOnlyItsOwnPartitionAndForwardingAnswersTheRest() {
        Evidence e = evidence("iq-rpc");
        String arm = "two instances";
        long local = e.count(Lab.RUN, arm, "foundInLocalStore");
        assertThat(local).isIn(keysOnPartition(QueryRouting.KEYS, 2, 0), keysOnPartition(QueryRouting.KEYS, 2, 1));
        assertThat(e.count(Lab.RUN, arm, "ownedByTheOtherInstance")).isEqualTo(QueryRouting.KEYS - local);
        assertThat(e.count(Lab.RUN, arm, "answeredWithForwarding")).isEqualTo(QueryRouting.KEYS);
    }

    @Test
    void thePythonPathTransformsEveryRecord() {
        Evidence e = evidence("python-path");
        assertThat(e.count(Lab.RUN, "confluent-kafka loop", "outputRecords")).isEqualTo(2_000);
        assertThat(e.text(Lab.RUN, "confluent-kafka loop", "secondRecordOutput")).isEqualTo("d1,33.8");
    }

    @Test
    void aTopicOnAnotherClusterIsMissingAndMirrorMakerBringsItOver() {
        Evidence e = evidence("single-cluster");
        assertThat(e.text(Lab.RUN, "topic on the other cluster", "error")).isEqualTo("MissingSourceTopicException");
        assertThat(e.text(Lab.RUN, "topic on the other cluster", "state")).isEqualTo("ERROR");
        String mirrored = "MirrorMaker 2 into the Streams cluster";
        assertThat(e.text(Lab.RUN, mirrored, "replicatedTopic")).isEqualTo("SOURCE.readings");
        assertThat(e.count(Lab.RUN, mirrored, "countedFromTheCopy")).isEqualTo(1_100);
        assertThat(e.count(Lab.RUN, mirrored, "internalTopicsOnTheStreamsCluster")).isEqualTo(1);
        assertThat(e.count(Lab.RUN, mirrored, "internalTopicsOnTheOtherCluster")).isZero();
    }
}
