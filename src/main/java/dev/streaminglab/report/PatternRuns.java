package dev.streaminglab.report;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import dev.streaminglab.process.TelemetryPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Runs a Streams pattern of {@code process} on TopologyTestDriver for notebook 06: no cluster, every run exact and
 * repeatable. The pattern sits behind the pipeline's own stages (validation, enrichment, ...), with the pipeline's
 * Streams settings, so it is fed raw records as devices send them. The driver's wall clock follows the input:
 * live, each record arrives at the time its device sends it; in a replay, at a fixed rate. Outputs of watched
 * topics are stamped with the wall-clock and stream time at which they came out, the time a suppression buffer
 * or an emit strategy held them back.
 * <p>
 * The intervals at which Kafka Streams looks for closed windows and unmatched join records are set to their
 * defaults (1 s of wall-clock time), as an application runs them; TopologyTestDriver would set them to 0.
 */
public final class PatternRuns implements AutoCloseable {
    /** Kafka Streams' default interval between two looks for closed windows or unmatched outer-join records. */
    public static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> raw;
    private final TestInputTopic<String, byte[]> devices;
    private final Map<String, Watched<?>> watched = new LinkedHashMap<>();
    private final Map<String, Double> metricMax = new LinkedHashMap<>();
    private final List<long[]> clock = new ArrayList<>();
    private long wallClock;
    private long streamTime = Long.MIN_VALUE;

    /** How the input arrives: each record at its send time ({@link #live()}), or at a fixed rate. */
    public record Pacing(String label, Duration perRecord) {
        public static Pacing live() {
            return new Pacing("live", null);
        }

        public static Pacing replay(int recordsPerSecond) {
            return new Pacing("replay at " + recordsPerSecond + " records/s",
                    Duration.ofNanos(1_000_000_000L / recordsPerSecond));
        }
    }

    /** A registry row that holds from {@code at} (its record timestamp); a null row deletes the device. */
    public record Edit(String deviceId, Device row, Instant at) {
    }

    /** One record a watched topic received, and the wall-clock and stream time when it did. */
    public record Emitted<V>(String key, V value, Headers headers, long wallClock, long streamTime) {
    }

    private record Watched<V>(TestOutputTopic<String, V> topic, List<Emitted<V>> emitted) {
    }

    private PatternRuns(Set<Stage> stages, Consumer<StreamsBuilder> pattern, Instant wallClock) {
        StreamsBuilder builder = new StreamsBuilder();
        TelemetryPipeline.build(builder, TopicSet.STANDARD, stages);
        pattern.accept(builder);
        Properties p;
        try {
            p = TelemetryPipeline.properties(KafkaConnection.of("unused:9092"), "patterns", Guarantee.AT_LEAST_ONCE,
                    1, Files.createTempDirectory("patterns"), "notebook", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The suppression buffer's size is recorded at DEBUG level only.
        p.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        p.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, EMIT_INTERVAL.toMillis());
        p.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX,
                EMIT_INTERVAL.toMillis());
        this.driver = new TopologyTestDriver(builder.build(), p, wallClock);
        this.wallClock = wallClock.toEpochMilli();
        TopicSet topics = TopicSet.STANDARD;
        this.raw = driver.createInputTopic(topics.raw(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        this.devices = driver.createInputTopic(topics.devices(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    }

    /** The pipeline's {@code stages} with a pattern added behind them, the wall clock at {@code wallClock}. */
    public static PatternRuns of(Set<Stage> stages, Consumer<StreamsBuilder> pattern, Instant wallClock) {
        return new PatternRuns(stages, pattern, wallClock);
    }

    /** Stamps what {@code topic} receives from now on (read {@link #emitted}). */
    public <V> PatternRuns watch(String topic, Serde<V> serde) {
        watched.put(topic, new Watched<>(driver.createOutputTopic(topic, Serdes.String().deserializer(),
                serde.deserializer()), new ArrayList<>()));
        return this;
    }

    /** Keeps the highest value the Streams metric {@code name} (summed over its tags) takes after any record. */
    public PatternRuns watchMetric(String name) {
        metricMax.put(name, 0.0);
        return this;
    }

    /** Every registry edit and raw record, in the order {@code pacing} brings them. */
    public PatternRuns send(List<Edit> edits, List<OutgoingRecord> records, Pacing pacing) {
        List<Edit> pending = new ArrayList<>(edits);
        if (pacing.perRecord() != null) {
            // A replay starts from the registry as it stands, every edit already made.
            pending.forEach(this::edit);
            pending.clear();
        }
        for (OutgoingRecord r : records) {
            long at = pacing.perRecord() == null ? r.clock() : wallClock + pacing.perRecord().toMillis();
            while (!pending.isEmpty() && !pending.get(0).at().isAfter(Instant.ofEpochMilli(at))) {
                edit(pending.remove(0));
            }
            advanceTo(at);
            if (r.kind().deadLetterReason().isEmpty()) {
                streamTime = Math.max(streamTime, r.eventTime());
            }
            raw.pipeInput(r.key(), r.value(), wallClock);
            collect();
        }
        pending.forEach(this::edit);
        return this;
    }

    /** One typed record straight into {@code topic}, stamped {@code timestamp}, arriving live at that time. */
    public <V> PatternRuns pipe(String topic, Serde<V> serde, String key, V value, long timestamp) {
        advanceTo(timestamp);
        streamTime = Math.max(streamTime, timestamp);
        driver.createInputTopic(topic, Serdes.String().serializer(), serde.serializer())
                .pipeInput(key, value, timestamp);
        collect();
        return this;
    }

    @SuppressWarnings("unchecked")
    public <V> List<Emitted<V>> emitted(String topic) {
        return List.copyOf(((Watched<V>) watched.get(topic)).emitted());
    }

    public <V> List<V> values(String topic) {
        return this.<V>emitted(topic).stream().map(Emitted::value).toList();
    }

    /**
     * Every session of {@code keys} in the session store {@code store} that ends at {@code from} or later, open or
     * closed but not yet expired. (From epoch 0, the record cache would be walked one segment at a time.)
     */
    public <V> List<KeyValue<Windowed<String>, V>> sessions(String store, List<String> keys, Instant from) {
        SessionStore<String, V> sessions = driver.getSessionStore(store);
        List<KeyValue<Windowed<String>, V>> out = new ArrayList<>();
        for (String key : keys) {
            try (KeyValueIterator<Windowed<String>, V> it = sessions.findSessions(key, from.toEpochMilli(),
                    Long.MAX_VALUE)) {
                it.forEachRemaining(out::add);
            }
        }
        return out;
    }

    public double metricMax(String name) {
        return metricMax.get(name);
    }

    /** The wall-clock time at which stream time first reached {@code t}, or -1 if it never did. */
    public long wallClockAt(long t) {
        return clock.stream().filter(c -> c[1] >= t).mapToLong(c -> c[0]).findFirst().orElse(-1);
    }

    private void edit(Edit e) {
        devices.pipeInput(e.deviceId(), e.row() == null ? null : Json.bytes(e.row()), e.at().toEpochMilli());
        collect();
    }

    private void advanceTo(long at) {
        if (at > wallClock) {
            driver.advanceWallClockTime(Duration.ofMillis(at - wallClock));
            wallClock = at;
        }
    }

    private void collect() {
        clock.add(new long[] {wallClock, streamTime});
        watched.values().forEach(this::drain);
        metricMax.replaceAll((name, max) -> Math.max(max, driver.metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals(name))
                .mapToDouble(m -> m.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0)
                .filter(Double::isFinite).sum()));
    }

    private <V> void drain(Watched<V> w) {
        w.topic().readRecordsToList().forEach(r -> w.emitted().add(new Emitted<>(r.key(), r.value(), r.headers(),
                wallClock, streamTime)));
    }

    @Override
    public void close() {
        driver.close();
    }
}
