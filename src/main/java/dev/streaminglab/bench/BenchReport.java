package dev.streaminglab.bench;

import dev.streaminglab.measure.MachineFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** report.md of a run: machine, headline ratios, one table and chart per suite. */
final class BenchReport {
    private BenchReport() {
    }

    static void write(BenchResults r, Map<String, ?> charts) {
        MachineFacts m = r.machine();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run: ").append(r.parameters().profile().name()).append(" profile\n\n");
        if (r.parameters().profile().name().equals(Profile.QUICK.name())) {
            md.append("> Quick profile: checks that every suite runs. Its numbers come from tiny runs; do not quote them.\n\n");
        }
        md.append("| machine | |\n|---|---|\n");
        row(md, "started", r.parameters().startedAt());
        row(md, "cores", String.valueOf(m.cores()));
        row(md, "memory", String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / 1024.0 / 1024 / 1024));
        row(md, "load average at start (1, 5, 15 min)", m.loadAverageAtStart().toString()
                + (m.loadAverageAtStart().get(0) > 0.5 * m.cores() ? " **busy machine: other processes compete for the cores**" : ""));
        row(md, "JVM", m.jvm());
        row(md, "OS", m.os());
        row(md, "Kafka", m.kafkaVersion());
        row(md, "git commit", r.parameters().commit());
        row(md, "suites", String.join(", ", r.parameters().suites()));
        row(md, "duration", String.format(Locale.ROOT, "%.0f s", r.parameters().durationSeconds()));

        if (r.parameters().failures() != null && !r.parameters().failures().isEmpty()) {
            md.append("\n## Failed steps\n\n");
            r.parameters().failures().forEach(f -> md.append("* ").append(f).append('\n'));
        }
        md.append("\n## Headline\n\n| figure | value |\n|---|---|\n");
        BenchFindings.headline(r).forEach((k, v) -> row(md, k, v));

        ratioSection(md, "Producer: kit ÷ Kafka's ProducerPerformance", BenchFindings.producerRatios(r), r,
                ProducerSuite.NAME);
        ratioSection(md, "Consumer: kit ÷ Kafka's ConsumerPerformance", BenchFindings.consumerRatios(r), r,
                ConsumerSuite.NAME);
        section(md, "End-to-end latency (produce → consume)", r.rows(EndToEndSuite.NAME),
                List.of("name", "implementation", "target_rate", "records_per_sec", "lat_p50_ms", "lat_p99_ms",
                        "lat_p999_ms", "lat_max_ms"));
        md.append("Loads are fractions of the maximum throughput measured first on the same settings; latency runs "
                + "from the moment each record was due to be sent. EndToEndLatency keeps one record in flight "
                + "(no load) and prints whole milliseconds.\n");
        ratioSection(md, "Streams stages ÷ passthrough (catch-up throughput)", BenchFindings.stageFractions(r), r, null);
        for (String axis : List.of("guarantee", "store", "threads")) {
            ratioSection(md, "Streams " + axis + " ÷ same stage at defaults", BenchFindings.knobRatios(r, axis), r, null);
        }
        section(md, "Streams runs", r.rows(StreamsSuite.NAME),
                List.of("name", "records", "records_per_sec", "target_rate", "lat_p50_ms", "lat_p99_ms", "lat_max_ms",
                        "restore_ms"));
        ratioSection(md, "Replication: kit ÷ ProducerPerformance (acks=all)", BenchFindings.replicationRatios(r), r,
                ReplicationSuite.NAME);

        md.append("\n## Charts\n\n");
        charts.keySet().forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n\n"));
        try {
            Files.writeString(r.dir().resolve(BenchResults.REPORT), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ratioSection(StringBuilder md, String title, List<BenchFindings.Ratio> ratios, BenchResults r,
            String suite) {
        if (ratios.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n| case | implementation | records/s | reference | records/s | ratio |\n")
                .append("|---|---|---:|---|---:|---:|\n");
        for (BenchFindings.Ratio x : ratios) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %,.0f | %.2f |%n", x.label(), x.implementation(),
                    x.value(), x.reference(), x.referenceValue(), x.ratio()));
        }
        if (suite != null) {
            section(md, null, r.rows(suite), List.of("name", "implementation", "records", "records_per_sec", "mb_per_sec",
                    "lat_avg_ms", "lat_p50_ms", "lat_p99_ms", "lat_p999_ms", "lat_max_ms"));
        }
    }

    private static void section(StringBuilder md, String title, List<Measurement> rows, List<String> columns) {
        if (rows.isEmpty()) {
            return;
        }
        if (title != null) {
            md.append("\n## ").append(title).append("\n");
        }
        md.append("\n| ").append(String.join(" | ", columns)).append(" |\n|")
                .append("---|".repeat(columns.size())).append('\n');
        Function<String, String> fmt = s -> {
            try {
                double d = Double.parseDouble(s);
                return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
            } catch (NumberFormatException notANumber) {
                return s;
            }
        };
        for (Measurement m : rows) {
            md.append("| ").append(String.join(" | ", columns.stream().map(c -> fmt.apply(m.cell(c))).toList()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }
}
