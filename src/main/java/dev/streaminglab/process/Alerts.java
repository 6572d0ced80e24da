package dev.streaminglab.process;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.JsonSerde;
import dev.streaminglab.domain.TopicSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
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
 * <li><b>Silence</b>: a registered device that sent nothing for {@link #SILENCE_AFTER} raises one WARNING until
 * it speaks again; a device registered but never heard from is reported too, a deleted one (tombstone in the
 * registry) is forgotten.</li>
 * </ul>
 * Silence is measured by <b>ingestion time</b> (when a reading entered Kafka, carried from validation in a
 * header), on a clock that is the newest ingestion time this task has processed, moved on by the wall clock since
 * ({@link SilenceClock}). While the task catches up on a backlog (consumer lag, a restart after downtime), that clock
 * stands where the backlog is, so devices whose readings are still waiting are not reported; once the task is
 * idle it runs with the wall clock, so a partition gone entirely quiet (a gateway down, the very case to catch) is
 * still reported, which a stream-time punctuation would never do. Checked by wall-clock punctuation every
 * {@link #SILENCE_CHECK_EVERY}, which also takes the registry's changes into account.
 * <p>
 * Per-device state (recent temperatures, breach runs, last ingestion time) lives in the {@link #STATE_STORE}
 * store, changelogged, so it survives restarts and moves with its partition. Each task tracks the registered
 * devices whose key hashes to its partition, as Kafka's default partitioner places their readings.
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
        return buildTopology(TopicSet.PARTITIONS);
    }

    /** Alerts alone, with the registry store, for telemetry topics of {@code partitions} partitions. */
    public static Topology buildTopology(int partitions) {
        StreamsBuilder builder = new StreamsBuilder();
        Registry.addTo(builder, TopicSet.STANDARD);
        build(builder, TopicSet.STANDARD, partitions);
        return builder.build();
    }

    /** The stage on a builder that holds the registry store already ({@link Registry#addTo}). */
    public static void build(StreamsBuilder builder, TopicSet topics, int partitions) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), DeviceState.SERDE));
        builder.stream(topics.enriched(), Consumed.with(Serdes.String(), EnrichedReading.SERDE)
                        .withTimestampExtractor(new EventTimeExtractor()).withName("enriched-for-alerts"))
                .process(() -> new AlertDetector(partitions), Named.as("detect-alerts"), STATE_STORE)
                .to(topics.alerts(), Produced.with(Serdes.String(), Alert.SERDE));
    }

    /**
     * What the detector remembers per device.
     *
     * @param lastIngestedMs ingestion time of the device's newest reading; for a device that never sent, when this
     *     task started tracking it
     */
    public record DeviceState(String site, List<Double> recentTemperatures, int temperatureHighRun,
            int temperatureLowRun, int humidityHighRun, @JsonAlias("lastArrivalWallMs") long lastIngestedMs,
            boolean silenceReported, boolean neverSent) {
        static final Serde<DeviceState> SERDE = JsonSerde.of(DeviceState.class);

        static DeviceState registered(Device d, long sinceMs) {
            return new DeviceState(d.site() == null ? EnrichedReading.NO_SITE : d.site(), List.of(), 0, 0, 0,
                    sinceMs, false, true);
        }

        DeviceState reported() {
            return new DeviceState(site, recentTemperatures, temperatureHighRun, temperatureLowRun, humidityHighRun,
                    lastIngestedMs, true, neverSent);
        }
    }

    /**
     * The clock silence is measured by: the newest ingestion time the task has processed, advanced by the wall time
     * since the last record. Catching up, records come back to back and it follows the backlog; idle, it follows
     * the wall clock from where the stream stopped. Before any record or state, it is the wall clock.
     */
    static final class SilenceClock {
        private static final long UNKNOWN = Long.MIN_VALUE;
        private long frontier;
        private long processedAtWall;

        /** A clock resuming from restored state ({@code frontier}), or, when {@code UNKNOWN}, from the first record. */
        SilenceClock(long frontier, long nowWall) {
            this.frontier = frontier;
            this.processedAtWall = nowWall;
        }

        static SilenceClock fresh(long nowWall) {
            return new SilenceClock(UNKNOWN, nowWall);
        }

        void processed(long ingestedMs, long nowWall) {
            frontier = frontier == UNKNOWN ? ingestedMs : Math.max(frontier, ingestedMs);
            processedAtWall = nowWall;
        }

        long at(long nowWall) {
            return frontier == UNKNOWN ? nowWall : frontier + Math.max(0, nowWall - processedAtWall);
        }
    }

    private static final class AlertDetector extends ContextualProcessor<String, EnrichedReading, String, Alert> {
        private final int partitions;
        private KeyValueStore<String, DeviceState> states;
        private KeyValueStore<String, Device> registry;
        private SilenceClock clock;

        AlertDetector(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            super.init(context);
            states = context.getStateStore(STATE_STORE);
            registry = context.getStateStore(Registry.STORE);
            long now = context.currentSystemTimeMs();
            clock = SilenceClock.fresh(now);
            // Restored state: the clock resumes where the stream stopped, so a backlog is judged by its own times.
            try (KeyValueIterator<String, DeviceState> all = states.all()) {
                all.forEachRemaining(kv -> clock.processed(kv.value.lastIngestedMs(), now));
            }
            context.schedule(SILENCE_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::checkSilences);
        }

        @Override
        public void process(Record<String, EnrichedReading> record) {
            long now = context().currentSystemTimeMs();
            // A reading written without the header (by hand, or by an older pipeline) counts as ingested now.
            long ingested = IngestionTime.of(record.headers()).orElse(now);
            clock.processed(ingested, now);
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
            long lastIngested = old == null || old.neverSent() ? ingested : Math.max(old.lastIngestedMs(), ingested);
            states.put(record.key(), new DeviceState(r.site(), recent, high, low, humid, lastIngested, false, false));
        }

        private static int run(int previous, boolean breached) {
            return breached ? previous + 1 : 0;
        }

        private void emit(Record<String, EnrichedReading> record, EnrichedReading r, Alert.Type type,
                Alert.Severity severity, double value, String message) {
            context().forward(record.withValue(new Alert(r.deviceId(), r.site(), type, severity, r.timestamp(), value,
                    message)));
        }

        /** Starts tracking registered devices of this task, forgets deleted ones, reports the silent. */
        private void checkSilences(long nowWall) {
            long now = clock.at(nowWall);
            int partition = context().taskId().partition();
            List<KeyValue<String, Device>> added = new ArrayList<>();
            try (KeyValueIterator<String, Device> all = registry.all()) {
                all.forEachRemaining(kv -> {
                    if (partitionOf(kv.key) == partition && states.get(kv.key) == null) {
                        added.add(kv);
                    }
                });
            }
            added.forEach(kv -> states.put(kv.key, DeviceState.registered(kv.value, now)));
            List<String> deleted = new ArrayList<>();
            List<KeyValue<String, DeviceState>> silent = new ArrayList<>();
            try (KeyValueIterator<String, DeviceState> all = states.all()) {
                all.forEachRemaining(kv -> {
                    if (registry.get(kv.key) == null) {
                        deleted.add(kv.key);
                    } else if (!kv.value.silenceReported()
                            && now - kv.value.lastIngestedMs() >= SILENCE_AFTER.toMillis()) {
                        silent.add(kv);
                    }
                });
            }
            deleted.forEach(states::delete);
            for (KeyValue<String, DeviceState> kv : silent) {
                DeviceState s = kv.value;
                double seconds = (now - s.lastIngestedMs()) / 1000.0;
                String message = s.neverSent()
                        ? String.format("registered, but no reading in %.0f s (limit %d s)", seconds,
                                SILENCE_AFTER.toSeconds())
                        : String.format("no reading for %.0f s (limit %d s)", seconds, SILENCE_AFTER.toSeconds());
                context().forward(new Record<>(kv.key, new Alert(kv.key, s.site(), Alert.Type.SILENT,
                        Alert.Severity.WARNING, now, seconds, message), nowWall));
                states.put(kv.key, s.reported());
            }
        }

        /** The partition Kafka's default partitioner gives a device id (murmur2 of its UTF-8 bytes). */
        private int partitionOf(String deviceId) {
            return Utils.toPositive(Utils.murmur2(deviceId.getBytes(StandardCharsets.UTF_8))) % partitions;
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
