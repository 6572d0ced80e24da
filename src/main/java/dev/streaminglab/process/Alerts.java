package dev.streaminglab.process;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.JsonSerde;
import dev.streaminglab.domain.TopicSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 4, alerts: reads {@code telemetry.enriched} and writes {@link Alert}s to {@code alerts}, keyed by device.
 * <ul>
 * <li><b>Threshold</b>: {@value Alert#CONSECUTIVE_BREACHES} readings in a row above the device's tempMaxC (or below
 * tempMinC, or above humidityMaxPct) raise one CRITICAL alert; the run must end (a reading back in range)
 * before the next alert of that type.</li>
 * <li><b>Anomaly</b>: a temperature whose z-score against the device's previous {@value #ZSCORE_WINDOW}
 * readings reaches {@value #ZSCORE_THRESHOLD} raises a WARNING.</li>
 * <li><b>Silence</b>: a device that sent nothing for {@link #SILENCE_AFTER} of wall-clock time raises one
 * WARNING until it speaks again.</li>
 * </ul>
 * Silence uses <b>wall-clock</b> punctuation, not stream time: stream time advances only when records arrive,
 * so if every device of a partition fell silent (a gateway down, the very case to catch), a stream-time
 * punctuation would never fire. The cost: replaying old data fast does not simulate silences, and a
 * stopped pipeline reports silences late (when it restarts, after {@link #SILENCE_AFTER}).
 * <p>
 * Per-device state (recent temperatures, breach runs, last arrival) lives in the {@link #STATE_STORE} store,
 * changelogged, so it survives restarts and moves with its partition.
 */
public final class Alerts {
    /** About 15 minutes of readings: long enough for a stable mean and spread, short enough to follow the day. */
    public static final int ZSCORE_WINDOW = 30;
    /** Fewer readings give a spread too unreliable to call anything anomalous. */
    public static final int ZSCORE_MIN_SAMPLES = 10;
    /** 4 standard deviations: rare for a steady indoor sensor (about 1 in 15,000 under a normal law). */
    public static final double ZSCORE_THRESHOLD = 4.0;
    /** A sensor's resolution: without a floor, a perfectly flat series makes the slightest change infinite. */
    public static final double MIN_STDDEV_C = 0.1;
    /** About four missed readings at the usual 31 s period: more than radio loss explains. */
    public static final Duration SILENCE_AFTER = Duration.ofMinutes(2);
    /** How often silence is checked; an alert comes at most this much after {@link #SILENCE_AFTER}. */
    public static final Duration SILENCE_CHECK_EVERY = Duration.ofSeconds(10);
    public static final String STATE_STORE = "alert-state";

    private Alerts() {
    }

    public static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, TopicSet.STANDARD);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), DeviceState.SERDE));
        builder.stream(topics.enriched(), Consumed.with(Serdes.String(), EnrichedReading.SERDE)
                        .withTimestampExtractor(new EventTimeExtractor()).withName("enriched-for-alerts"))
                .process(AlertDetector::new, Named.as("detect-alerts"), STATE_STORE)
                .to(topics.alerts(), Produced.with(Serdes.String(), Alert.SERDE));
    }

    /** What the detector remembers per device. */
    public record DeviceState(String site, List<Double> recentTemperatures, int temperatureHighRun,
            int temperatureLowRun, int humidityHighRun, long lastArrivalWallMs, boolean silenceReported) {
        static final Serde<DeviceState> SERDE = JsonSerde.of(DeviceState.class);
    }

    private static final class AlertDetector extends ContextualProcessor<String, EnrichedReading, String, Alert> {
        private KeyValueStore<String, DeviceState> states;

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            super.init(context);
            states = context.getStateStore(STATE_STORE);
            context.schedule(SILENCE_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::reportSilences);
        }

        @Override
        public void process(Record<String, EnrichedReading> record) {
            EnrichedReading r = record.value();
            DeviceState old = states.get(record.key());
            List<Double> recent = old == null ? new ArrayList<>() : new ArrayList<>(old.recentTemperatures());
            int high = run(old == null ? 0 : old.temperatureHighRun(), r.temperature() > r.tempMaxC());
            int low = run(old == null ? 0 : old.temperatureLowRun(), r.temperature() < r.tempMinC());
            int humid = run(old == null ? 0 : old.humidityHighRun(), r.humidity() > r.humidityMaxPct());
            if (high == Alert.CONSECUTIVE_BREACHES) {
                emit(record, r, Alert.Type.TEMPERATURE_HIGH, Alert.Severity.CRITICAL, r.temperature(),
                        String.format("temperature above %.1f °C for %d readings", r.tempMaxC(), high));
            }
            if (low == Alert.CONSECUTIVE_BREACHES) {
                emit(record, r, Alert.Type.TEMPERATURE_LOW, Alert.Severity.CRITICAL, r.temperature(),
                        String.format("temperature below %.1f °C for %d readings", r.tempMinC(), low));
            }
            if (humid == Alert.CONSECUTIVE_BREACHES) {
                emit(record, r, Alert.Type.HUMIDITY_HIGH, Alert.Severity.CRITICAL, r.humidity(),
                        String.format("humidity above %.1f %% for %d readings", r.humidityMaxPct(), humid));
            }
            Double z = zScore(recent, r.temperature());
            if (z != null && Math.abs(z) >= ZSCORE_THRESHOLD) {
                emit(record, r, Alert.Type.ANOMALY, Alert.Severity.WARNING, r.temperature(),
                        String.format("temperature %.2f °C is %.1f standard deviations from the last %d readings",
                                r.temperature(), z, recent.size()));
            }
            recent.add(r.temperature());
            if (recent.size() > ZSCORE_WINDOW) {
                recent.remove(0);
            }
            states.put(record.key(), new DeviceState(r.site(), recent, high, low, humid,
                    context().currentSystemTimeMs(), false));
        }

        private static int run(int previous, boolean breached) {
            return breached ? previous + 1 : 0;
        }

        private void emit(Record<String, EnrichedReading> record, EnrichedReading r, Alert.Type type,
                Alert.Severity severity, double value, String message) {
            context().forward(record.withValue(new Alert(r.deviceId(), r.site(), type, severity, r.timestamp(), value,
                    message)));
        }

        private void reportSilences(long now) {
            List<KeyValue<String, DeviceState>> silent = new ArrayList<>();
            try (KeyValueIterator<String, DeviceState> all = states.all()) {
                all.forEachRemaining(kv -> {
                    if (!kv.value.silenceReported() && now - kv.value.lastArrivalWallMs() >= SILENCE_AFTER.toMillis()) {
                        silent.add(kv);
                    }
                });
            }
            for (KeyValue<String, DeviceState> kv : silent) {
                DeviceState s = kv.value;
                double seconds = (now - s.lastArrivalWallMs()) / 1000.0;
                context().forward(new Record<>(kv.key, new Alert(kv.key, s.site(), Alert.Type.SILENT,
                        Alert.Severity.WARNING, now, seconds,
                        String.format("no reading for %.0f s (limit %d s)", seconds, SILENCE_AFTER.toSeconds())), now));
                states.put(kv.key, new DeviceState(s.site(), s.recentTemperatures(), s.temperatureHighRun(),
                        s.temperatureLowRun(), s.humidityHighRun(), s.lastArrivalWallMs(), true));
            }
        }
    }

    /** The z-score of {@code value} against {@code previous}, or null while there are too few readings. */
    static Double zScore(List<Double> previous, double value) {
        if (previous.size() < ZSCORE_MIN_SAMPLES) {
            return null;
        }
        double mean = previous.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = previous.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / previous.size();
        return (value - mean) / Math.max(Math.sqrt(variance), MIN_STDDEV_C);
    }
}
