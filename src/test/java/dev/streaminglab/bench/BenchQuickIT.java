package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.Cli;
import dev.streaminglab.costs.Stage;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the quick profile end to end as a user types it (on a cluster of its own, under target/) and checks the
 * structure of what it wrote: every suite's rows, arms, repetitions, exact counts, the clocks' windows, the same JVM
 * flags for both sides of a comparison, the report's sections and the charts. No figure is judged: how fast a
 * loaded CI machine is proves nothing.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class BenchQuickIT {
    private static final Path ROOT = Path.of("target", "bench-it");
    private static final Profile P = Profile.QUICK;
    private static Results results;

    @BeforeAll
    static void runQuickProfile() {
        int exit = Cli.run(new BenchCommand(), "--profile", "quick", "--out", ROOT.toString(), "--work",
                Path.of("target", "bench-it-work").toString(), "--no-progress");
        assertThat(exit).isZero();
        results = Runs.latest(ROOT).orElseThrow();
    }

    @Test
    void theResultsTheReportAndEveryChartAreWrittenAndCopiedToLatest() throws IOException {
        Path latest = ROOT.resolve(Runs.LATEST);
        assertThat(results.stamp().kind()).isEqualTo("bench");
        assertThat(results.stamp().profile()).isEqualTo("quick");
        assertThat(results.stamp().commit().toString()).matches("[0-9a-f]{12}(-dirty)?");
        assertThat(results.stamp().machine().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(results.notes()).noneMatch(n -> n.startsWith("FAILED"));
        for (String f : List.of(Results.JSON, Results.CSV, Runs.REPORT, "producers.png", "ratios.png",
                "streams-stages.png", "exactly-once.png", "restore.png", "latency-vs-load.png", "latency-configs.png",
                "cluster-ready.png")) {
            assertThat(latest.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(new String(Files.readAllBytes(latest.resolve("ratios.png")), 1, 3)).isEqualTo("PNG");
        assertThat(results.rows(Report.BUDGET)).extracting(Row::name).containsExactlyElementsOf(BenchSuites.ALL);
    }

    @Test
    void theToolAndTheKitRunInJvmsWithTheSameFlagsAndTheirClocksWindowAfterTheWarmUp() {
        for (String point : List.of("baseline", "telemetry")) {
            List<Row> arms = results.rows(ProducerSuite.GROUP).stream().filter(r -> r.name().equals(point)
                    && r.figures().containsKey("records_per_sec")).toList();
            assertThat(arms).extracting(Row::arm).containsExactly(ProducerArm.TOOL.label,
                    point.equals("baseline") ? ProducerArm.KIT.label : ProducerArm.GENERATOR.label);
            assertThat(arms).allSatisfy(r -> {
                assertThat(r.require("records_per_sec").n()).isEqualTo(P.repetitions());
                assertThat(r.require("window_seconds").min()).isBetween(2.0, 2.1);
                assertThat(r.require("seconds_before_window").min()).isGreaterThanOrEqualTo(1.0);
                assertThat(String.valueOf(r.facts().get("jvm_flags"))).contains("-Xmx512m", "-XX:+UseG1GC",
                        "-XX:MaxGCPauseMillis=20");
            });
            assertThat(arms.get(0).facts().get("jvm_flags")).isEqualTo(arms.get(1).facts().get("jvm_flags"));
        }
        assertThat(Findings.aaRatio(results)).hasValueSatisfying(s -> assertThat(s.n()).isEqualTo(P.repetitions()));
        assertThat(results.row(ProducerSuite.ANCHORS, "kreps-2014 producer", ProducerArm.TOOL.label)).isPresent();
        assertThat(results.row(ProducerSuite.ANCHORS, "kreps-2014 end-to-end", "EndToEndLatency").orElseThrow()
                .params()).containsEntry("records", P.krepsLatencyRecords());
    }

    @Test
    void everyStageReadsItsWholeInputAndIsComparedWithBothPassthroughs() {
        List<Row> stages = results.rows(StreamsSuite.GROUP).stream()
                .filter(r -> r.figures().containsKey("records_per_sec")).toList();
        assertThat(stages).extracting(Row::name).containsExactly("plain-passthrough", "passthrough", "validation",
                "enrichment", "windowed-aggregates", "pipeline");
        assertThat(stages).extracting(r -> ((Number) r.params().get("records")).longValue()).containsExactly(
                P.passthroughRecords(), P.passthroughRecords(), P.passthroughRecords(), P.enrichmentRecords(),
                P.aggregatesRecords(), P.pipelineRecords());
        assertThat(stages).allSatisfy(r -> assertThat(r.params()).containsEntry("settings",
                StreamsSuite.production().label()));
        assertThat(results.rows(StreamsSuite.GROUP)).filteredOn(r -> r.figures().containsKey("ratio"))
                .extracting(Row::arm).containsExactly("passthrough ÷ plain-passthrough", "validation ÷ passthrough",
                        "enrichment ÷ passthrough", "windowed-aggregates ÷ passthrough", "pipeline ÷ passthrough");
        assertThat(results.rows(StreamsSuite.CACHE)).extracting(Row::arm)
                .containsExactly("cache on", "cache off", "cache off ÷ cache on");
        assertThat(results.rows(StreamsSuite.EXACTLY_ONCE)).extracting(Row::arm).containsExactly(
                "at_least_once, commit 1000 ms, cache on", "exactly_once_v2, commit 1000 ms, cache on",
                "exactly_once_v2, commit 100 ms, cache on",
                "exactly_once_v2, commit 1000 ms, cache on ÷ at_least_once, commit 1000 ms, cache on",
                "exactly_once_v2, commit 100 ms, cache on ÷ at_least_once, commit 1000 ms, cache on");
        // A restore reads back exactly one changelog record per key: the store's whole content.
        assertThat(results.rows(StreamsSuite.RESTORE)).extracting(r -> r.facts().get("restored_records"))
                .containsExactly(2_000, 10_000);
    }

    @Test
    void everyReadingOfEveryLatencyLevelIsSeenByTheDashboardClient() {
        List<Row> rows = results.rows(LatencySuite.GROUP);
        assertThat(rows).extracting(Row::name).containsExactly("at-least-once, commit 1 s, cache on @ 10 %",
                "at-least-once, commit 1 s, cache on @ 50 %", "at-least-once, commit 1 s, cache on @ 90 %",
                "at-least-once, commit 1 s, cache off @ 50 %", "exactly-once, commit 1 s, cache on @ 50 %",
                "exactly-once, commit 100 ms, cache on @ 50 %");
        assertThat(rows).allSatisfy(r -> {
            assertThat(((Number) r.facts().get("readings")).longValue()).isPositive();
            assertThat(r.facts().get("never_seen")).isEqualTo(0);
            Spread p50 = r.require("lat_p50_ms");
            assertThat(r.require("lat_p99_ms").median()).isGreaterThanOrEqualTo(p50.median());
        });
    }

    @Test
    void everyTargetIsMeasuredAndTheReportQuotesTheGateAndTheTargetsFromTheResults() throws IOException {
        assertThat(results.rows(ClusterReadySuite.GROUP)).extracting(Row::arm).containsExactly("1 node", "3 nodes");
        List<Findings.Target> targets = Findings.targets(results);
        assertThat(targets).hasSize(9);
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(targets).filteredOn(t -> !t.name().startsWith("whole demo") || root)
                .allSatisfy(t -> assertThat(t.verdict()).as(t.name()).isNotEqualTo(Findings.Verdict.NOT_MEASURED));
        if (root) {
            assertThat(String.valueOf(results.rows(MemorySuite.GROUP).get(0).facts().get("processes_at_peak")))
                    .contains("broker", "demo JVM");
        }
        String report = Files.readString(ROOT.resolve(Runs.LATEST).resolve(Runs.REPORT));
        assertThat(report).contains("# Benchmark run: quick profile", "## Headline", "## Targets", "## Budget",
                "## What one 2-core host cannot measure", "![ratios.png](ratios.png)");
        Findings.headline(results).forEach(line -> assertThat(report).contains(line));
        if (targets.stream().anyMatch(t -> t.name().startsWith(Stage.WINDOWED_AGGREGATES.label())
                && t.verdict() != Findings.Verdict.PASS)) {
            assertThat(results.rows(ProfileSuite.GROUP)).anySatisfy(r -> assertThat(r.name())
                    .isEqualTo(Stage.WINDOWED_AGGREGATES.label()));
        }
    }
}
