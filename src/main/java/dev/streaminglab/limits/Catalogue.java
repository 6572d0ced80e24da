package dev.streaminglab.limits;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.kafka.KafkaConnection;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The catalogue as the seminar notebook shows it: the latest stored finding of an experiment (a full run on
 * this machine, when there is one) or a fresh quick run, as a table row and as a chart.
 */
public final class Catalogue {
    /** Experiments whose series compare a few named cases; the rest plot numbers against numbers. */
    private static final Map<String, List<String>> CASES = Map.of(
            "late-data-grace", List.of("[0 s, 10 s)", "[10 s, 20 s)"),
            "repartition-cost", List.of("count by key", "count by new key"),
            "globalktable-bootstrap", List.of("KTable RUNNING", "KTable all loaded", "GlobalKTable RUNNING"),
            "exactly-once-overhead", List.of("at-least-once", "exactly-once v2"),
            "standby-failover", List.of("no standby", "1 standby"));

    private Catalogue() {
    }

    /**
     * The finding of this checkout's latest run ({@code .work/results/limits}), else the committed full run on the
     * reference machine ({@code docs/results/limits}), else a quick run now (stored for next time).
     */
    public static Finding latestOrQuick(KafkaConnection kafka, String experiment) {
        ResultStore store = ResultStore.atDefault();
        return store.read(experiment).or(() -> ResultStore.committed().read(experiment)).orElseGet(() -> {
            Finding f = Experiments.named(experiment).run(kafka, Mode.QUICK);
            store.write(f);
            return f;
        });
    }

    public static Table table(List<Finding> findings) {
        return Table.create("Kafka Streams limits",
                StringColumn.create("capability", findings.stream().map(Finding::capability)),
                StringColumn.create("verdict", findings.stream().map(f -> f.verdict().label())),
                StringColumn.create("measured", findings.stream().map(Finding::headline)),
                StringColumn.create("mode", findings.stream().map(f -> f.mode().name().toLowerCase())));
    }

    /** The chart of a finding's first series (and the series sharing its axes); bars for named cases. */
    public static Chart<?, ?> chart(Finding f) {
        if (f.series().isEmpty()) {
            throw new IllegalArgumentException(f.experiment() + " measured no series to chart");
        }
        Series first = f.series().get(0);
        List<String> cases = CASES.get(f.experiment());
        if (cases != null) {
            CategoryChart chart = Charts.bars(f.capability(), "", first.yLabel());
            chart.addSeries(first.name(), cases.subList(0, first.y().size()), first.y());
            return chart;
        }
        XYChart chart = Charts.lines(f.capability(), first.xLabel(), first.yLabel());
        for (Series s : f.series()) {
            if (s.yLabel().equals(first.yLabel()) && !s.x().isEmpty()) {
                chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
