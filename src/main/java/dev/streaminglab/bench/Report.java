package dev.streaminglab.bench;

import dev.streaminglab.measure.MarkdownReport;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * report.md of a run, written from its results alone: where the figures come from (stamp, workload as data), the
 * A/A gate and the targets, then each suite's table with every figure as median [min–max], the budget, what the
 * host cannot measure, and the charts.
 */
final class Report {
    static final String BUDGET = "budget";

    private Report() {
    }

    static Path write(Results r, Collection<String> charts, Path file) {
        MarkdownReport md = new MarkdownReport();
        md.heading(1, "Benchmark run: " + r.stamp().profile() + " profile");
        if (r.stamp().profile().equals(Profile.QUICK.name())) {
            md.paragraph("> Quick profile: checks that every suite runs and writes well-formed results. Its figures "
                    + "come from seconds of work: do not quote them.");
        }
        md.stamp(r.stamp(), Map.of());
        md.heading(2, "Headline");
        md.bullets(Findings.headline(r));
        md.heading(2, "Targets");
        md.table(List.of("target", "goal", "measured: median [min–max]", "verdict"), Findings.targets(r).stream()
                .map(t -> List.of(t.name(), t.goal(), t.measured(), t.verdict().toString())).toList());
        md.paragraph("PASS: every repetition meets the goal; FAIL: none does; INCONCLUSIVE: the spread straddles it.");
        md.heading(2, "Workload");
        md.bullets(r.workload().entrySet().stream().map(e -> "**" + e.getKey() + "**: " + text(e.getValue())).toList());

        section(md, r, ProducerSuite.GROUP, "Producers against ProducerPerformance",
                List.of("records_per_sec", "mb_per_sec", "lat_p50_ms", "lat_p99_ms", "lat_max_ms", "ratio"),
                "Throughput counts acknowledgements between two timestamps taken after the warm-up drained, the same "
                        + "interceptor in every producer's JVM; latency is acknowledgement minus send time (ms, as "
                        + "ProducerPerformance reports it). Ratios are paired by round.");
        section(md, r, ProducerSuite.ANCHORS, "Anchors: Kreps 2014, replayed",
                List.of("records_per_sec", "mb_per_sec", "lat_p50_ms", "lat_p99_ms", "lat_p999_ms"),
                "Kreps measured " + Findings.format(ProducerSuite.KREPS_RECORDS_PER_SEC) + " records/s ("
                        + ProducerSuite.KREPS_MB_PER_SEC + " MB/s) and end-to-end latency of "
                        + Findings.format(ProducerSuite.KREPS_E2E_P50_MS) + " ms (p50), "
                        + Findings.format(ProducerSuite.KREPS_E2E_P99_MS) + " ms (p99), "
                        + Findings.format(ProducerSuite.KREPS_E2E_P999_MS) + " ms (p99.9) on "
                        + ProducerSuite.KREPS_HARDWARE + ". No ratio: the set-ups differ in everything but the settings.");
        section(md, r, StreamsSuite.GROUP, "Kafka Streams stages against the passthroughs (production settings)",
                List.of("records_per_sec", "seconds", "startup_seconds", "ratio"),
                "Each run: a fresh application in a fresh JVM over a full input, timed from the start of its clients "
                        + "to the moment its committed offsets reach the input's end (and every topic it feeds itself "
                        + "is committed to its end).");
        section(md, r, StreamsSuite.CACHE, "Diagnostic: the record cache",
                List.of("records_per_sec", "seconds", "ratio"), "");
        section(md, r, StreamsSuite.EXACTLY_ONCE, "Diagnostic: what exactly-once costs the pipeline",
                List.of("seconds", "records_per_sec", "startup_seconds", "time_ratio"),
                "Measured with costs.ExactlyOnceCost, the method the limits catalogue uses too: same stage, same "
                        + "input, at-least-once against exactly-once v2 at the same and at its default commit interval.");
        section(md, r, StreamsSuite.RESTORE, "Diagnostic: restore time against store size",
                List.of("restore_ms", "restore_records_per_sec"),
                "Measured with costs.RestoreCost: local state wiped, a fresh JVM, first restore start → RUNNING.");
        section(md, r, LatencySuite.GROUP, "The latency users feel: generator → pipeline → dashboard client",
                List.of("lat_p50_ms", "lat_p99_ms", "lat_p999_ms", "lat_max_ms", "pipeline_p99_ms",
                        "kafka_to_dashboard_p99_ms", "dashboard_to_client_p99_ms"),
                "From each reading's creation time (also when it was due to be sent: no coordinated omission) to the "
                        + "client's receipt of the first window update that counts it. Hops: creation → aggregate "
                        + "written to Kafka (pipeline), → read by the dashboard, → read by the client. All clocks "
                        + "are this machine's.");
        section(md, r, ClusterReadySuite.GROUP, "Local cluster: launch to first acknowledged write",
                List.of("ready_seconds", "nodes_registered_seconds"), "");
        section(md, r, MemorySuite.GROUP, "The whole demo's memory", List.of("rss_mib"),
                r.rows(MemorySuite.GROUP).stream().map(m -> "At the peak: " + m.facts().get("processes_at_peak") + ".")
                        .findFirst().orElse(""));
        profiles(md, r);
        md.heading(2, "Budget");
        md.table(List.of("suite", "planned (min)", "taken (min)"), r.rows(BUDGET).stream()
                .map(b -> List.of(b.name(), text(b.facts().get("planned_minutes")), text(b.facts().get("taken_minutes"))))
                .toList());
        md.heading(2, "What one 2-core host cannot measure");
        md.bullets(List.of("Replication cost: followers on the same cores as the leader measure CPU contention, not "
                        + "replication; run the producer suite with --bootstrap on the cloud cluster of infra/.",
                "Multi-broker throughput: three brokers on two cores give less, not more.",
                "Network latency between machines: every hop here is loopback."));
        if (!r.notes().isEmpty()) {
            md.heading(2, "Notes");
            md.bullets(r.notes());
        }
        md.heading(2, "Charts");
        charts.forEach(c -> md.image(c, c));
        return md.write(file);
    }

    /** One table per group: name, arm, then each figure that any row of the group has, as median [min–max]. */
    private static void section(MarkdownReport md, Results r, String group, String title, List<String> figures,
            String text) {
        List<Row> rows = r.rows(group);
        if (rows.isEmpty()) {
            return;
        }
        md.heading(2, title);
        if (!text.isEmpty()) {
            md.paragraph(text);
        }
        List<String> present = figures.stream().filter(f -> rows.stream().anyMatch(x -> x.figures().containsKey(f)))
                .toList();
        List<String> header = new ArrayList<>(List.of("case", "arm"));
        header.addAll(present);
        header.addAll(List.of("runs", "outside load %", "redone"));
        md.table(header, rows.stream().map(x -> {
            List<String> cells = new ArrayList<>(List.of(x.name(), x.arm()));
            present.forEach(f -> cells.add(x.figure(f).map(Report::cell).orElse("")));
            cells.add(x.figures().values().stream().findFirst().map(s -> String.valueOf(s.n())).orElse(""));
            cells.add(String.format(Locale.ROOT, "%.1f", x.load().outsidePct()));
            cells.add(String.valueOf(x.discarded()));
            return cells;
        }).toList());
    }

    private static void profiles(MarkdownReport md, Results r) {
        List<Row> rows = r.rows(ProfileSuite.GROUP);
        if (rows.isEmpty()) {
            return;
        }
        md.heading(2, "Where the time goes in the missed targets (JDK Flight Recorder)");
        for (String subject : rows.stream().map(Row::name).distinct().toList()) {
            List<Row> of = rows.stream().filter(x -> x.name().equals(subject)).toList();
            md.heading(3, subject + " (" + of.get(0).facts().get("total_samples") + " samples)");
            md.table(List.of("top frame or area", "samples", "share %"), of.stream()
                    .map(x -> List.of(x.arm() + ": `" + x.facts().get("what") + "`", text(x.facts().get("samples")),
                            text(x.facts().get("share_pct")))).toList());
        }
    }

    static String cell(Spread s) {
        double a = Math.abs(s.median());
        return s.format(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
    }

    private static String text(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + " " + text(e.getValue()))
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
        if (v instanceof Number n && Optional.of(n.doubleValue()).filter(d -> d == Math.rint(d)).isPresent()) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return String.valueOf(v);
    }
}
