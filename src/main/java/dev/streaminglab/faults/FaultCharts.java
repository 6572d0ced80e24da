package dev.streaminglab.faults;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.measure.Row;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts of the fault experiments' results, for notebook 08 and the deck. */
public final class FaultCharts {
    private FaultCharts() {
    }

    /** Where a row's figures come from (its run's stamp), for a chart's footer. */
    public static String footer(Row row) {
        return String.valueOf(row.facts().getOrDefault("stamp", ""));
    }

    /**
     * Acknowledgements per second of the network-partition run, with the cut and the heal marked: the dip is the
     * time acks=all records waited for leadership to move.
     */
    public static XYChart partitionTimeline(Row row) {
        List<?> perSecond = (List<?>) row.facts().get("acksPerSecond");
        List<Double> x = IntStream.range(0, perSecond.size()).mapToDouble(i -> i).boxed().toList();
        List<Double> y = perSecond.stream().map(v -> ((Number) v).doubleValue()).toList();
        XYChart chart = Charts.lines("Network partition: acknowledged records per second (acks=all, min ISR 2)",
                "seconds since the producer started", "records acknowledged / s");
        chart.addSeries("acknowledged", x, y).setMarker(SeriesMarkers.NONE);
        double top = y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double cut = ((Number) row.params().get("cutAfterSeconds")).doubleValue();
        double heal = cut + ((Number) row.params().get("cutForSeconds")).doubleValue();
        double moved = cut + ((Number) row.facts().get("leadershipMovedMs")).doubleValue() / 1000;
        marker(chart, "node " + row.facts().get("victimNode") + " cut off", cut, top);
        marker(chart, "leadership moved", moved, top);
        marker(chart, "link back", heal, top);
        return chart;
    }

    private static void marker(XYChart chart, String name, double x, double top) {
        XYSeries s = chart.addSeries(name, List.of(x, x), List.of(0.0, top));
        s.setMarker(SeriesMarkers.NONE);
    }
}
