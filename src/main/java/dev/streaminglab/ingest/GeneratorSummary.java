package dev.streaminglab.ingest;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.domain.DeadLetterReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * What a run did: records generated, acknowledged and failed, bytes, achieved rate, and exact counts per kind,
 * so that a test or notebook can predict the pipeline's output (malformed → dead letters by reason, late →
 * the late topic). Kind and key counts are of generated records; {@code sent + failed = generated} once the run
 * has flushed.
 *
 * @param perKey records per registered device, in the registry's order (unknown devices are counted as
 *     {@link RecordKind#UNKNOWN_DEVICE} only)
 * @param outOfOrderBehind out-of-order records by whole seconds behind the event clock
 * @param lateBehind late records by whole seconds behind the event clock
 */
public record GeneratorSummary(String mode, String topic, long generated, long sent, long failed, long bytes,
        Duration elapsed, Map<RecordKind, Long> kinds, Map<String, Long> perKey, Map<Long, Long> outOfOrderBehind,
        Map<Long, Long> lateBehind, int registrySize, boolean interrupted, String firstError) {

    public long count(RecordKind kind) {
        return kinds.getOrDefault(kind, 0L);
    }

    public long malformed() {
        return kinds.entrySet().stream().filter(e -> e.getKey().malformed()).mapToLong(Map.Entry::getValue).sum();
    }

    /** What validation must dead-letter, by reason (the reasons the generator produces). */
    public Map<DeadLetterReason, Long> deadLetters() {
        Map<DeadLetterReason, Long> m = new EnumMap<>(DeadLetterReason.class);
        for (RecordKind k : RecordKind.malformedKinds()) {
            m.put(k.deadLetterReason().orElseThrow(), count(k));
        }
        return m;
    }

    public double ratePerSecond() {
        return elapsed.isZero() ? 0 : sent * 1e9 / elapsed.toNanos();
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s → %s%s: %,d sent, %,d failed, %,d bytes in %.1f s = %,.0f records/s%n", mode, topic,
                interrupted ? " (stopped early)" : "", sent, failed, bytes, elapsed.toMillis() / 1000.0, ratePerSecond()));
        b.append(String.format("  valid %,d, out-of-order %,d, late %,d, malformed %,d %s; registry %d devices%n",
                count(RecordKind.VALID), count(RecordKind.OUT_OF_ORDER), count(RecordKind.LATE), malformed(),
                deadLetters(), registrySize));
        if (firstError != null) {
            b.append("  first send error: ").append(firstError).append(System.lineSeparator());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text().strip();
    }

    /** The records that are not plain valid readings, by kind (the valid ones would dwarf them; the title counts them). */
    public CategoryChart defectsChart() {
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        kinds.forEach((k, v) -> {
            if (k != RecordKind.VALID) {
                names.add(k.name());
                values.add(v);
            }
        });
        CategoryChart chart = Charts.bars(String.format("Defects by kind (%s; plus %,d valid readings)", mode,
                count(RecordKind.VALID)), "kind", "records", names, values);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    /**
     * How far behind the event clock the time-shifted records lie: out-of-order ones stay inside the grace
     * period, late ones lie beyond the widest window plus grace.
     */
    public XYChart latenessChart() {
        XYChart chart = Charts.lines("Event time behind the stream (" + mode + ")", "seconds behind the event clock",
                "records");
        addHistogram(chart, "out-of-order", outOfOrderBehind);
        addHistogram(chart, "late", lateBehind);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return chart;
    }

    /** Records per device, hottest first, one series per run: uniform is flat, Zipf falls off steeply. */
    public static XYChart keyDistributionChart(Map<String, GeneratorSummary> runs) {
        XYChart chart = Charts.lines("Records per device, by rank", "device rank (most records first)", "records");
        runs.forEach((name, run) -> {
            List<Long> counts = run.perKey().values().stream().sorted(Comparator.reverseOrder()).toList();
            chart.addSeries(name, IntStream.rangeClosed(1, counts.size()).boxed().toList(), counts);
        });
        return chart;
    }

    private static void addHistogram(XYChart chart, String name, Map<Long, Long> histogram) {
        if (!histogram.isEmpty()) {
            chart.addSeries(name, new ArrayList<>(histogram.keySet()), new ArrayList<>(histogram.values()));
        }
    }
}
