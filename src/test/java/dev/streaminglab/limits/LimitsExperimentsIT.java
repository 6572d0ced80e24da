package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.kafka.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment of the catalogue in quick mode against the shared real cluster: each must produce a
 * well-formed finding, and the findings that are facts are asserted exactly. Each experiment runs once per
 * test JVM; the fact tests read the same finding.
 */
class LimitsExperimentsIT {
    private static final Map<String, Finding> FINDINGS = new ConcurrentHashMap<>();
    private static final ResultStore STORE = new ResultStore(Path.of("target", "limits-results"));

    static Finding finding(String name) {
        return FINDINGS.computeIfAbsent(name, n -> {
            Finding f = Experiments.named(n).run(SharedCluster.connection(), Mode.QUICK);
            STORE.write(f);
            return f;
        });
    }

    static Stream<String> names() {
        return Experiments.all().stream().map(Experiment::name);
    }

    @Test
    void theCatalogueHasAtLeastFifteenUniquelyNamedExperiments() {
        assertThat(names().toList()).hasSizeGreaterThanOrEqualTo(15).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyExperimentProducesAWellFormedFindingInQuickMode(String name) {
        Finding f = finding(name);
        assertThat(f.experiment()).isEqualTo(name);
        assertThat(f.mode()).isEqualTo(Mode.QUICK);
        assertThat(f.verdict()).isNotNull();
        assertThat(f.capability()).isNotBlank();
        assertThat(f.question()).endsWith("?");
        assertThat(f.setup()).isNotBlank();
        assertThat(f.headline()).isNotBlank();
        assertThat(f.conclusion()).isNotBlank();
        assertThat(f.figures()).isNotEmpty();
        assertThat(f.context().brokers()).isEqualTo(1);
        assertThat(f.context().kafkaVersion()).isEqualTo("4.3.1");
        assertThat(STORE.read(name)).get().extracting(Finding::headline).isEqualTo(f.headline());
    }

    @Test
    void recordsLaterThanGraceAreNotInTheWindowAndAreCountedAsDropped() {
        Finding f = finding("late-data-grace");
        assertThat(f.number("countWindow0s")).isEqualTo(4);
        assertThat(f.number("countWindow10s")).isEqualTo(2);
        assertThat(f.number("windowUpdatesEmitted")).isEqualTo(6);
        assertThat(f.number("droppedRecordsMetric")).isEqualTo(2);
    }

    @Test
    void aWindowPastItsRetentionIsNoLongerQueryable() {
        Finding f = finding("window-retention");
        assertThat(f.number("countBefore")).isEqualTo(1);
        assertThat(f.number("countAfterRetention")).isEqualTo(0);
    }

    @Test
    void streamTimePunctuationNeverFiresWithoutRecordsButWallClockDoes() {
        Finding f = finding("punctuation-time");
        assertThat(f.number("streamTimeFiresWhileIdle")).isEqualTo(0);
        assertThat(f.number("wallClockFiresWhileIdle")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anIdlePartitionKeepsItsWindowOpenUntilNewDataArrives() {
        Finding f = finding("idle-partition");
        assertThat(f.text("emittedAfterIdle")).isEqualTo("a@0");
        assertThat(f.text("emittedAfterNewData")).isEqualTo("a@0,b@0");
    }

    @Test
    void coPartitioningMismatchSilentlyMissesJoinsUnlessARepartitionTopicTriggersTheCheck() {
        Finding f = finding("co-partitioning");
        long predicted = IntStream.range(0, CoPartitioning.DEVICES).mapToObj(i -> "d" + i)
                .filter(k -> CoPartitioning.partition(k, 3) == CoPartitioning.partition(k, 2)).count();
        assertThat(predicted).isEqualTo(31);
        assertThat(f.number("joinedWithoutCheck")).isEqualTo(predicted);
        assertThat(f.text("stateWithoutCheck")).isEqualTo("RUNNING");
        assertThat(f.text("errorTypeWithRepartitionTopic")).isEqualTo("org.apache.kafka.streams.errors.TopologyException");
        assertThat(f.text("errorMessageWithRepartitionTopic")).startsWith("Topics not co-partitioned: [{")
                .contains("devices=2").contains("readings=3");
    }

    @Test
    void reKeyingCopiesEveryRecordThroughARepartitionTopic() {
        assertThat(finding("repartition-cost").number("repartitionTopicRecords")).isEqualTo(20_000);
    }

    @Test
    void aForeignKeyUpdateReEmitsEveryReferencingRow() {
        Finding f = finding("foreign-key-join");
        assertThat(f.number("reEmittedAfterDeviceUpdate")).isEqualTo(20);
        assertThat(f.number("reEmittedWithNewSite")).isEqualTo(20);
    }

    @Test
    void aGlobalTableHoldsEveryKeyInEachInstance() {
        assertThat(finding("globalktable-bootstrap").number("globalKeysPerInstance")).isEqualTo(20_000);
    }

    @Test
    void exactlyOnceKeepsKafkaOutputExactButReplaysTheHttpCall() {
        Finding f = finding("exactly-once-side-effects");
        assertThat(f.number("outputRecords")).isEqualTo(500);
        assertThat(f.number("distinctOutputKeys")).isEqualTo(500);
        assertThat(f.number("threadFailures")).isEqualTo(1);
        assertThat(f.number("httpCalls")).isGreaterThan(500);
    }

    @Test
    void threadsBeyondThePartitionCountGetNoTask() {
        Finding f = finding("max-parallelism");
        assertThat(f.number("activeTasksAtMaxThreads")).isEqualTo(4);
        assertThat(f.number("busyThreadsAtMaxThreads")).isEqualTo(4);
        assertThat(f.number("idleThreadsAtMaxThreads")).isEqualTo(2);
    }

    @Test
    void streamsNeverAddsThreadsByItself() {
        Finding f = finding("no-autoscaling");
        assertThat(f.number("threadsWhileLagGrew")).isEqualTo(1);
        assertThat(f.number("lagAtScaleUp")).isGreaterThan(0);
        assertThat(f.number("threadsAfterManualScaleUp")).isEqualTo(4);
    }

    @Test
    void eagerRebalancingCannotBeChosen() {
        assertThat(finding("rebalance-pause").text("eagerProtocol")).startsWith("ConfigException").contains("upgrade.from");
    }

    @Test
    void aStaticMemberRestartCausesNoRebalanceOnItsPeer() {
        Finding f = finding("static-membership");
        assertThat(f.number("staticRebalancesOnPeer")).isEqualTo(0);
        assertThat(f.number("dynamicRebalancesOnPeer")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutStandbyTheSurvivorReplaysTheLeaversWholePartition() {
        Finding f = finding("standby-failover");
        long p0 = IntStream.range(0, 20_000).filter(i -> CoPartitioning.partition("k" + i, 2) == 0).count();
        assertThat(f.number("restoredWithoutStandby")).isIn((double) p0, (double) (20_000 - p0));
        assertThat(f.number("restoredWithStandby")).isLessThan(f.number("restoredWithoutStandby"));
    }

    @Test
    void restoreReadsTheWholeChangelog() {
        Finding f = finding("restore-time");
        assertThat(f.number("restoredRecords5000")).isEqualTo(5_000);
        assertThat(f.number("restoredRecords20000")).isEqualTo(20_000);
    }

    @Test
    void anInMemoryStoreReplaysItsChangelogOnEveryRestartRocksDbDoesNot() {
        Finding f = finding("in-memory-store");
        assertThat(f.number("inMemoryRestoredOnCleanRestart")).isEqualTo(20_000);
        assertThat(f.number("rocksDbRestoredOnCleanRestart")).isEqualTo(0);
    }

    @Test
    void anApplicationResetReprocessesFromScratch() {
        Finding f = finding("application-reset");
        assertThat(f.number("resetExitCode")).isEqualTo(0);
        assertThat(f.number("internalTopicsAfter")).isEqualTo(0);
        assertThat(f.number("updatesAfterReset")).isEqualTo(1_000);
        assertThat(f.number("countK0FirstRun")).isEqualTo(100);
        assertThat(f.number("countK0AfterReset")).isEqualTo(100);
    }

    @Test
    void renamingAStoreStartsFromEmptyState() {
        Finding f = finding("store-rename");
        assertThat(f.number("countBeforeRename")).isEqualTo(10);
        assertThat(f.number("countAfterRenameAnd5More")).isEqualTo(5);
        assertThat(f.figures().get("oldChangelogStillExists")).isEqualTo(true);
    }

    @Test
    void thePythonPathTransformsEveryRecord() {
        Finding f = finding("python-path");
        assertThat(f.number("outputRecords")).isEqualTo(2_000);
        assertThat(f.text("secondRecordOutput")).isEqualTo("d1,33.8");
    }

    @Test
    void aSourceTopicThatIsNotOnTheClusterStopsTheApplication() {
        Finding f = finding("single-cluster");
        assertThat(f.text("errorType")).isEqualTo("MissingSourceTopicException");
        assertThat(f.text("finalState")).isEqualTo("ERROR");
    }
}
