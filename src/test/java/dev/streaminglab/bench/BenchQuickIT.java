package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.Cli;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.tablesaw.api.Table;

/**
 * Runs the quick profile end to end as a user types it (on clusters of its own, under target/) and checks that
 * every suite ran and wrote well-formed output. Numbers are checked for shape and sign only: how fast a loaded
 * CI machine is proves nothing.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BenchQuickIT {
    private static final Path ROOT = Path.of("target", "bench-it");
    private static BenchResults results;

    @BeforeAll
    static void runQuickProfile() throws IOException {
        int exit = Cli.run(new BenchCommand(), "--profile", "quick", "--out", ROOT.toString(), "--work",
                Path.of("target", "bench-it-work").toString(), "--no-progress");
        assertThat(exit).isZero();
        results = BenchResults.latest(ROOT).orElseThrow();
    }

    @Test
    void everyFileIsWrittenAndCopiedToLatest() throws IOException {
        List<String> expected = List.of(BenchResults.MACHINE, BenchResults.PARAMETERS, BenchResults.CSV,
                BenchResults.JSON, BenchResults.REPORT, "producer-throughput-vs-record-size.png", "producer-ratio.png",
                "consumer-ratio.png", "e2e-latency-vs-load.png", "streams-stages.png", "streams-knobs.png",
                "streams-eos-latency.png", "streams-restore.png", "replication.png");
        for (Path dir : List.of(results.dir(), ROOT.resolve(BenchResults.LATEST))) {
            for (String f : expected) {
                assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
            }
        }
        assertThat(results.dir().toAbsolutePath().getParent()).isEqualTo(ROOT.toAbsolutePath());
        assertThat(Files.readAllBytes(ROOT.resolve(BenchResults.LATEST).resolve(BenchResults.CSV)))
                .isEqualTo(Files.readAllBytes(results.dir().getParent().resolve(latestRunName()).resolve(BenchResults.CSV)));
        byte[] png = Files.readAllBytes(results.dir().resolve("streams-stages.png"));
        assertThat(new String(png, 1, 3)).isEqualTo("PNG");
    }

    private static String latestRunName() throws IOException {
        try (var runs = Files.list(ROOT)) {
            return runs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-quick")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void machineFactsNameTheMachineJvmKafkaAndCommit() throws IOException {
        JsonNode m = Json.MAPPER.readTree(results.dir().resolve(BenchResults.MACHINE).toFile());
        assertThat(m.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.get("memoryBytes").asLong()).isPositive();
        assertThat(m.get("kafkaVersion").asText()).isEqualTo(AppInfoParser.getVersion()).isEqualTo("4.3.1");
        assertThat(m.get("jvm").asText()).contains("17");
        assertThat(m.get("loadAverageAtStart")).isNotEmpty();
        JsonNode p = Json.MAPPER.readTree(results.dir().resolve(BenchResults.PARAMETERS).toFile());
        assertThat(p.get("profile").get("name").asText()).isEqualTo("quick");
        assertThat(p.get("durationSeconds").asDouble()).isPositive();
        assertThat(p.get("commit").asText()).matches("[0-9a-f]{12}(-dirty)?");
        assertThat(p.get("failures")).as("failed steps").isEmpty();
    }

    @Test
    void theCsvHasTheDocumentedColumnsAndOneRowPerMeasurement() {
        Table csv = results.table();
        assertThat(csv.columnNames()).containsExactlyElementsOf(Measurement.COLUMNS);
        // producer 3 points x 2 + telemetry x 3, consumer 2, e2e max + 3 loads + tool, streams 5 stages + 3 knobs
        // + 1 restore, replication 3 shapes x 2
        assertThat(csv.rowCount()).isEqualTo(9 + 2 + 5 + 9 + 6).isEqualTo(results.rows().size());
        assertThat(Set.copyOf(csv.stringColumn("suite").asList()))
                .containsExactlyInAnyOrder("producer", "consumer", "e2e", "streams", "replication");
    }

    @Test
    void everyThroughputAndLatencyIsPositiveAndOrdered() {
        for (Measurement m : results.rows()) {
            String row = m.suite() + " / " + m.name() + " / " + m.implementation();
            if (m.metrics().containsKey("records_per_sec")) {
                assertThat(m.metrics().get("records_per_sec")).as(row).isPositive();
                assertThat(m.metrics().get("seconds")).as(row).isPositive();
            }
            if (m.metrics().containsKey("lat_p99_ms")) {
                assertThat(m.metrics().get("lat_p50_ms")).as(row).isPositive();
                assertThat(m.metrics().get("lat_p99_ms")).as(row).isGreaterThanOrEqualTo(m.metrics().get("lat_p50_ms"));
                assertThat(m.metrics().get("lat_p999_ms")).as(row).isGreaterThanOrEqualTo(m.metrics().get("lat_p99_ms"));
            }
        }
    }

    @Test
    void producerAndReplicationRowsComeInPairsWithTheSameRecordCount() {
        for (String suite : List.of(ProducerSuite.NAME, ReplicationSuite.NAME)) {
            var byName = results.rows(suite).stream().filter(m -> !m.name().equals("telemetry"))
                    .collect(Collectors.groupingBy(Measurement::name));
            assertThat(byName.values()).allSatisfy(pair -> {
                assertThat(pair).extracting(Measurement::implementation)
                        .containsExactly(ProducerSuite.KAFKA_TOOL, "kit-producer");
                assertThat(pair.get(0).params().get("records")).isEqualTo(pair.get(1).params().get("records"));
            });
        }
        // The generator joins only where everyone sends telemetry: the tool from a file of the generator's values.
        List<Measurement> telemetry = results.rows(m -> m.suite().equals(ProducerSuite.NAME) && m.name().equals("telemetry"));
        assertThat(telemetry).extracting(Measurement::implementation)
                .containsExactly(ProducerSuite.KAFKA_TOOL, "kit-producer", "kit-generator");
        assertThat(telemetry).allSatisfy(m -> {
            assertThat(m.params()).containsEntry("payload", "telemetry").containsEntry("repetitions", 1)
                    .containsEntry("record_size", TelemetryPayloads.MEAN_SIZE)
                    .containsEntry("records", 16_000);
            assertThat(m.metrics().get("spread_pct")).isZero();
        });
        assertThat(BenchFindings.headline(results)).containsKey("producer kit-generator ÷ ProducerPerformance (telemetry)");
        assertThat(results.rows(ReplicationSuite.NAME)).extracting(Measurement::name)
                .containsExactly("1-node RF1", "1-node RF1", "3-node RF1", "3-node RF1", "3-node RF3", "3-node RF3");
        // steady state of 10 KB records: the quick byte budget (20 MB) allows 2,000, less a fifth of warm-up
        assertThat(results.rows(m -> m.suite().equals(ProducerSuite.NAME) && m.name().equals("size=10000B")))
                .allSatisfy(m -> assertThat(m.params().get("records")).isEqualTo(1_600));
    }

    @Test
    void endToEndRunsAtTheGivenFractionsOfTheMeasuredMaximum() {
        double max = results.rows(m -> m.suite().equals(EndToEndSuite.NAME) && m.name().equals("maximum throughput"))
                .get(0).metrics().get("records_per_sec");
        List<Measurement> loaded = results.rows(m -> m.implementation().equals(EndToEndSuite.KIT));
        assertThat(loaded).extracting(m -> m.params().get("load_fraction")).containsExactly(0.1, 0.5, 0.9);
        for (Measurement m : loaded) {
            double fraction = (Double) m.params().get("load_fraction");
            long expected = Math.max(1, Math.round(fraction * max * Profile.QUICK.e2eSeconds()));
            assertThat(((Number) m.params().get("records")).longValue()).isEqualTo(expected);
        }
        assertThat(results.rows(m -> m.implementation().equals(EndToEndSuite.KAFKA_TOOL))).singleElement()
                .satisfies(m -> assertThat(m.params().get("records")).isEqualTo(Profile.QUICK.e2eToolRecords()));
        assertThat(BenchFindings.e2eP99At(results, 0.5)).isPresent();
    }

    @Test
    void everyStageIsMeasuredAgainstThePassthroughAndTheRestoreRebuildsEveryKey() {
        assertThat(BenchFindings.stageFractions(results)).extracting(r -> r.label().split(" ")[0])
                .containsExactly("passthrough", "validation", "enrichment", "windowed-aggregates", "pipeline");
        assertThat(BenchFindings.stageFractions(results).get(0).ratio()).isEqualTo(1.0);
        // the stateless stages get four times the input, to run long enough to time
        int records = (int) Profile.QUICK.streamsRecords();
        assertThat(BenchFindings.rowsOnAxis(results, StreamsSuite.NAME, "stage")).extracting(m -> m.params().get("records"))
                .containsExactly(4 * records, 4 * records, 4 * records, records, records);
        assertThat(List.of("guarantee", "store", "threads")).allSatisfy(axis ->
                assertThat(BenchFindings.knobRatios(results, axis)).singleElement()
                        .satisfies(r -> assertThat(r.reference()).startsWith("pipeline ")));
        assertThat(BenchFindings.rowsOnAxis(results, StreamsSuite.NAME, "restore")).singleElement().satisfies(m -> {
            assertThat(m.params().get("store_records")).isEqualTo(2_000);
            assertThat(m.params().get("records")).isEqualTo(2_000);
            assertThat(m.metrics().get("restore_ms")).isPositive();
        });
    }

    @Test
    void theReportQuotesTheHeadlineRatios() throws IOException {
        String report = Files.readString(results.dir().resolve(BenchResults.REPORT));
        assertThat(report).contains("# Benchmark run: quick profile", "Quick profile: checks that every suite runs",
                "kit-producer ÷ ProducerPerformance (baseline)", "Streams pipeline ÷ passthrough",
                "end-to-end p99 at 50 % load", "Kafka per core vs Kreps 2014 per core", "![streams-stages.png](streams-stages.png)");
    }
}
