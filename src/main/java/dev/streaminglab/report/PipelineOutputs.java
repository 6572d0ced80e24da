package dev.streaminglab.report;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the pipeline wrote, read back for notebooks and reports: window statistics, alerts, dead letters and
 * late records as tables and charts. Each reader takes the topic as it is now (committed records only).
 */
public final class PipelineOutputs {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private PipelineOutputs() {
    }

    /** The last value of each (key, window) on an aggregate topic, for keys and window starts that match. */
    public static List<WindowStats> latestWindows(KafkaConnection kafka, String topic, Predicate<WindowStats> keep) {
        Map<String, WindowStats> latest = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(kafka, topic)) {
            WindowStats s = WindowStats.SERDE.deserializer().deserialize(topic, r.value());
            if (keep.test(s)) {
                latest.put(s.key() + "@" + s.windowStart(), s);
            }
        }
        return new ArrayList<>(latest.values());
    }

    public static List<Alert> alerts(KafkaConnection kafka, Predicate<Alert> keep) {
        return readAll(kafka, TopicNames.ALERTS).stream()
                .map(r -> Alert.SERDE.deserializer().deserialize(TopicNames.ALERTS, r.value())).filter(keep).toList();
    }

    /** Dead letters per reason and stage, for records whose key matches. */
    public static Table deadLetterReasons(KafkaConnection kafka, Predicate<String> key) {
        Map<String, Long> counts = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(kafka, TopicNames.DEAD_LETTER)) {
            if (r.key() != null && key.test(r.key())) {
                counts.merge(HeaderText.get(r.headers(), DeadLetterHeaders.REASON) + "|"
                        + HeaderText.get(r.headers(), DeadLetterHeaders.STAGE), 1L, Long::sum);
            }
        }
        Table t = Table.create("dead letters", StringColumn.create("reason"), StringColumn.create("stage"),
                LongColumn.create("records"));
        counts.forEach((k, n) -> {
            t.stringColumn("reason").append(k.split("\\|")[0]);
            t.stringColumn("stage").append(k.split("\\|")[1]);
            t.longColumn("records").append(n);
        });
        return t;
    }

    /** Late records per aggregation, for readings of devices that match. */
    public static Map<String, Long> lateRecords(KafkaConnection kafka, Predicate<String> deviceId) {
        Map<String, Long> counts = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(kafka, TopicNames.LATE)) {
            EnrichedReading e = EnrichedReading.SERDE.deserializer().deserialize(TopicNames.LATE, r.value());
            if (deviceId.test(e.deviceId())) {
                counts.merge(HeaderText.get(r.headers(), LateHeaders.AGGREGATE), 1L, Long::sum);
            }
        }
        return counts;
    }

    public static Table alertTable(List<Alert> alerts) {
        Table t = Table.create("alerts", StringColumn.create("device"), StringColumn.create("type"),
                StringColumn.create("severity"), StringColumn.create("event time"), DoubleColumn.create("value"),
                StringColumn.create("message"));
        for (Alert a : alerts) {
            t.stringColumn("device").append(a.deviceId());
            t.stringColumn("type").append(a.type().name());
            t.stringColumn("severity").append(a.severity().name());
            t.stringColumn("event time").append(Instant.ofEpochMilli(a.eventTime()).toString());
            t.doubleColumn("value").append(a.value());
            t.stringColumn("message").append(a.message());
        }
        return t;
    }

    /** Average temperature per window, one line per key (site or device). */
    public static XYChart averagesChart(String title, List<WindowStats> windows) {
        XYChart chart = Charts.lines(title, "window start (UTC)", "average temperature (°C)");
        chart.getStyler().setDatePattern("HH:mm");
        Map<String, List<WindowStats>> byKey = new TreeMap<>();
        windows.forEach(w -> byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w));
        byKey.forEach((key, ws) -> chart.addSeries(key,
                ws.stream().map(w -> new Date(w.windowStart())).toList(),
                ws.stream().map(WindowStats::temperatureAvg).toList()));
        return chart;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaConnection kafka, String topic) {
        return TopicReader.of(kafka, new StringDeserializer(), new ByteArrayDeserializer()).toEnd(topic, READ_TIMEOUT);
    }
}
