package dev.streaminglab.process;

import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.kafka.HeaderText;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Kafka Streams drops a record that arrives after its window closed, and only logs it at DEBUG and bumps a
 * metric. Placed right before a windowed aggregation (same task, same records), this step applies the very
 * same rule first and sends such records to {@code telemetry.late} instead, so they are kept and counted.
 * <p>
 * The rule, as in Kafka Streams' {@code KStreamWindowAggregate} (4.3): stream time is the largest record
 * timestamp this processor has seen since its task started (not persisted: after a restart it starts again
 * from nothing, for the aggregation as for us); a window is closed when {@code end <= streamTime - grace};
 * a record is late when even the newest window containing it is closed. For tumbling windows that is its one
 * window; for hopping windows a record that is not late may still miss its oldest windows, as designed.
 * <p>
 * The late topic keeps the aggregate's key and the reading; headers ({@link LateHeaders}) say which aggregation refused it and why. The count is the Streams metric
 * {@code late-records-total} (see {@link #total}).
 */
public final class LateRecords {
    public static final String METRIC = "late-records";
    private static final String METRIC_SCOPE = "lab-late";

    private LateRecords() {
    }

    /** Sends records too late for {@code windows} to {@code lateTopic} and returns the rest, for the aggregation. */
    static <V> KStream<String, V> routeLate(KStream<String, V> in, String aggregate, TimeWindows windows,
            Serde<V> valueSerde, String lateTopic) {
        KStream<String, Timed<V>> checked = in.processValues(() -> new Detector<V>(aggregate, windows),
                Named.as(aggregate + "-late-check"));
        checked.filter((k, c) -> c.late(), Named.as(aggregate + "-late"))
                .mapValues(Timed::value, Named.as(aggregate + "-late-value"))
                .to(lateTopic, Produced.with(Serdes.String(), valueSerde));
        return checked.filterNot((k, c) -> c.late(), Named.as(aggregate + "-on-time"))
                .mapValues(Timed::value, Named.as(aggregate + "-on-time-value"));
    }

    /** Late records counted by this Streams instance since it started, over all aggregations and tasks. */
    public static long total(KafkaStreams streams) {
        return total(streams.metrics());
    }

    public static long total(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(METRIC + "-total"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue()).sum();
    }

    record Timed<V>(V value, boolean late) {
    }

    private static final class Detector<V> extends ContextualFixedKeyProcessor<String, V, Timed<V>> {
        private final String aggregate;
        private final TimeWindows windows;
        private long observedStreamTime = -1;
        private Sensor lateSensor;

        Detector(String aggregate, TimeWindows windows) {
            this.aggregate = aggregate;
            this.windows = windows;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Timed<V>> context) {
            super.init(context);
            lateSensor = context.metrics().addRateTotalSensor(METRIC_SCOPE, aggregate + "-" + context.taskId(),
                    METRIC, Sensor.RecordingLevel.INFO);
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            long ts = record.timestamp();
            observedStreamTime = Math.max(observedStreamTime, ts);
            long closeTime = observedStreamTime - windows.gracePeriodMs();
            long newestEnd = windows.windowsFor(ts).values().stream().mapToLong(Window::end).max()
                    .orElse(Long.MIN_VALUE);
            if (newestEnd > closeTime) {
                context().forward(record.withValue(new Timed<>(record.value(), false)));
                return;
            }
            lateSensor.record();
            Headers h = new RecordHeaders(record.headers().toArray());
            HeaderText.put(h, LateHeaders.AGGREGATE, aggregate);
            HeaderText.put(h, LateHeaders.WINDOW_END, Long.toString(newestEnd));
            HeaderText.put(h, LateHeaders.STREAM_TIME, Long.toString(observedStreamTime));
            context().forward(record.withValue(new Timed<>(record.value(), true)).withHeaders(h));
        }
    }
}
