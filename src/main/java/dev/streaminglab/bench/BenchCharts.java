package dev.streaminglab.bench;

import dev.streaminglab.chart.Charts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** The charts of a run, the same in its report (PNG files) and in the performance notebook. */
public final class BenchCharts {
    private BenchCharts() {
    }

    /** Every chart by file name, for the report. */
    public static Map<String, Chart<?, ?>> all(BenchResults r) {
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        if (!r.rows(ProducerSuite.NAME).isEmpty()) {
            charts.put("producer-throughput-vs-record-size.png", throughputVsRecordSize(r));
            charts.put("producer-ratio.png", ratios("Producer: kit ÷ ProducerPerformance (records/s)",
                    BenchFindings.producerRatios(r)));
        }
        if (!r.rows(ConsumerSuite.NAME).isEmpty()) {
            charts.put("consumer-ratio.png", ratios("Consumer: kit ÷ ConsumerPerformance (records/s)",
                    BenchFindings.consumerRatios(r)));
        }
        if (!r.rows(EndToEndSuite.NAME).isEmpty()) {
            charts.put("e2e-latency-vs-load.png", latencyVsLoad(r));
        }
        if (!r.rows(StreamsSuite.NAME).isEmpty()) {
            charts.put("streams-stages.png", streamsStages(r));
            charts.put("streams-knobs.png", streamsKnobs(r));
            charts.put("streams-eos-latency.png", eosLatency(r));
            charts.put("streams-restore.png", restore(r));
        }
        if (!r.rows(ReplicationSuite.NAME).isEmpty()) {
            charts.put("replication.png", replication(r));
        }
        return charts;
    }

    /** MB/s against record size, each implementation its own line (baseline plus the record-size axis). */
    public static XYChart throughputVsRecordSize(BenchResults r) {
        XYChart chart = Charts.lines("Producer throughput vs record size", "record size (bytes, log scale)", "MB/s");
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (Measurement m : r.rows(ProducerSuite.NAME)) {
            Object axis = m.params().get("axis");
            if ("baseline".equals(axis) || "record_size".equals(axis)) {
                series.computeIfAbsent(m.implementation(), k -> new TreeMap<>())
                        .put(((Number) m.params().get("record_size")).intValue(), m.metrics().get("mb_per_sec"));
            }
        }
        series.forEach((impl, points) -> chart.addSeries(impl, new ArrayList<>(points.keySet()),
                new ArrayList<>(points.values())));
        return chart;
    }

    public static CategoryChart ratios(String title, List<BenchFindings.Ratio> ratios) {
        // Short labels, or XChart drops the ones that would overlap: the implementation only where a case has several.
        Map<String, Long> perCase = ratios.stream()
                .collect(Collectors.groupingBy(BenchFindings.Ratio::label, Collectors.counting()));
        List<String> labels = ratios.stream()
                .map(x -> perCase.get(x.label()) > 1 ? x.label() + " " + x.implementation().replace("kit-", "") : x.label())
                .toList();
        CategoryChart chart = Charts.bars(title, "", "ratio (1 = as fast)", labels.isEmpty() ? List.of("none") : labels,
                ratios.isEmpty() ? List.of(0.0) : ratios.stream().map(BenchFindings.Ratio::ratio).toList());
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    /** p50, p99 and p99.9 of the loaded runs against the load, as a percentage of the measured maximum. */
    public static XYChart latencyVsLoad(BenchResults r) {
        XYChart chart = Charts.lines("Produce-to-consume latency vs load", "load (% of measured maximum throughput)", "ms");
        List<Measurement> loaded = r.rows(m -> m.suite().equals(EndToEndSuite.NAME)
                && m.implementation().equals(EndToEndSuite.KIT));
        List<Double> x = loaded.stream().map(m -> ((Number) m.params().get("load_fraction")).doubleValue() * 100).toList();
        for (String[] p : List.of(new String[] {"p50", "lat_p50_ms"}, new String[] {"p99", "lat_p99_ms"},
                new String[] {"p99.9", "lat_p999_ms"})) {
            chart.addSeries(p[0], x, loaded.stream().map(m -> m.metrics().get(p[1])).toList());
        }
        return chart;
    }

    /** Each stage's catch-up throughput as a fraction of the passthrough's (1.0 = no cost at all). */
    public static CategoryChart streamsStages(BenchResults r) {
        List<BenchFindings.Ratio> ratios = BenchFindings.stageFractions(r);
        CategoryChart chart = Charts.bars("Streams stages: throughput ÷ passthrough", "stage", "fraction of passthrough",
                ratios.stream().map(x -> x.label().split(" ")[0]).toList(),
                ratios.stream().map(BenchFindings.Ratio::ratio).toList());
        return chart;
    }

    /** Exactly-once, in-memory stores and two threads, each ÷ the same stage at its defaults. */
    public static CategoryChart streamsKnobs(BenchResults r) {
        List<BenchFindings.Ratio> ratios = new ArrayList<>();
        for (String axis : List.of("guarantee", "store", "threads")) {
            ratios.addAll(BenchFindings.knobRatios(r, axis));
        }
        return ratios("Streams knobs: throughput ÷ same stage (ALOS, RocksDB, 1 thread)", ratios);
    }

    /** The live p99 latency of each stage under both guarantees: what exactly-once costs a reader. */
    public static CategoryChart eosLatency(BenchResults r) {
        CategoryChart chart = Charts.bars("p99 latency: at-least-once vs exactly-once v2", "stage", "p99 (ms)");
        chart.getStyler().setLegendVisible(true);
        List<Measurement> eos = BenchFindings.rowsOnAxis(r, StreamsSuite.NAME, "guarantee");
        List<String> stages = eos.stream().map(m -> String.valueOf(m.params().get("stage"))).toList();
        List<Double> alos = stages.stream().map(s -> BenchFindings.rowsOnAxis(r, StreamsSuite.NAME, "stage").stream()
                .filter(m -> s.equals(m.params().get("stage"))).mapToDouble(m -> m.metrics().get("lat_p99_ms"))
                .findFirst().orElse(0)).toList();
        if (stages.isEmpty()) {
            chart.addSeries("none", List.of("none"), List.of(0));
            return chart;
        }
        chart.addSeries(StreamsSuite.ALOS, stages, alos);
        chart.addSeries(StreamsSuite.EOS, stages, eos.stream().map(m -> m.metrics().get("lat_p99_ms")).toList());
        return chart;
    }

    /** Restore time against store size, one line per store type. */
    public static XYChart restore(BenchResults r) {
        XYChart chart = Charts.lines("State restore time vs store size", "keys in the store", "restore time (ms)");
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (Measurement m : BenchFindings.rowsOnAxis(r, StreamsSuite.NAME, "restore")) {
            series.computeIfAbsent(String.valueOf(m.params().get("store")), k -> new TreeMap<>())
                    .put(((Number) m.params().get("store_records")).intValue(), m.metrics().get("restore_ms"));
        }
        series.forEach((store, points) -> chart.addSeries(store, new ArrayList<>(points.keySet()),
                new ArrayList<>(points.values())));
        return chart;
    }

    /** Records/s with acks=all per cluster shape, each implementation its own bar. */
    public static CategoryChart replication(BenchResults r) {
        CategoryChart chart = Charts.bars("Replication: acks=all producer throughput", "cluster", "records/s");
        chart.getStyler().setLegendVisible(true);
        Map<String, Map<String, Double>> byImpl = new LinkedHashMap<>();
        for (Measurement m : r.rows(ReplicationSuite.NAME)) {
            byImpl.computeIfAbsent(m.implementation(), k -> new LinkedHashMap<>()).put(m.name(),
                    m.metrics().get("records_per_sec"));
        }
        byImpl.forEach((impl, values) -> chart.addSeries(impl, new ArrayList<>(values.keySet()),
                new ArrayList<>(values.values())));
        return chart;
    }
}
