package dev.streaminglab.ingest;

import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends telemetry to {@code telemetry.raw} (key = device id, value = reading JSON or deliberately broken bytes):
 * synthetic readings of the lab's devices, or a replay of the UCI air-quality file. Before the first reading it
 * publishes the registry of exactly the devices it speaks for, so validation can tell unknown devices apart.
 *
 * <p>Pacing is by schedule, not by sleeping a fixed gap: record i is due at a computed offset from the start, so
 * a slow send is caught up by the next ones and the achieved rate stays on target. {@link #stop()} (Ctrl-C) ends
 * the run after the current record; the producer is flushed and the summary is still complete.
 */
public final class Generator {
    /** A replay speed-up that means "no pacing: as fast as the producer takes records". */
    public static final double MAX_SPEEDUP = 0;
    /** Longest single park while waiting for a record's due time, so that a stop request is seen quickly. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final KafkaConnection kafka;
    private final ProducerTuning tuning;
    private final boolean progress;
    private volatile boolean stopping;

    public Generator(KafkaConnection kafka, ProducerTuning tuning, boolean progress) {
        this.kafka = kafka;
        this.tuning = tuning;
        this.progress = progress;
    }

    /** A generator with Kafka's default producer settings and no progress bar (for notebooks and tests). */
    public Generator(KafkaConnection kafka) {
        this(kafka, ProducerTuning.defaults(), false);
    }

    /**
     * Asks a running generation to end after the current record; it still flushes and returns its summary.
     * A stopped generator stays stopped.
     */
    public void stop() {
        stopping = true;
    }

    public GeneratorSummary synthetic(GeneratorSettings settings) {
        DeviceRegistry registry = DeviceRegistry.lab(settings.devices(), settings.sites());
        Instant start = settings.start() != null ? settings.start() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var source = new SyntheticTelemetry(settings, registry, start.toEpochMilli());
        return run("synthetic", source, syntheticPacer(settings), settings.count(), settings.duration(), settings.topic(),
                settings.devicesTopic(), registry);
    }

    /**
     * Replays the file with event times preserved, {@code speedup} times faster than they happened
     * ({@link #MAX_SPEEDUP}: as fast as possible).
     */
    public GeneratorSummary replay(AirQualityReplay data, double speedup, String topic, String devicesTopic) {
        var records = data.records();
        long first = records.get(0).eventTime();
        Pacer pacer = speedup == MAX_SPEEDUP ? r -> 0
                : r -> (long) ((r.eventTime() - first) * 1e6 / speedup);
        return run("replay", records.iterator(), pacer, records.size(), null, topic, devicesTopic,
                DeviceRegistry.airQuality());
    }

    /** Replays to telemetry.raw, publishing the air-quality device to the registry topic devices. */
    public GeneratorSummary replay(AirQualityReplay data, double speedup) {
        return replay(data, speedup, TopicNames.TELEMETRY_RAW, TopicNames.DEVICES);
    }

    /** When a record is due, in nanoseconds after the run's start. */
    @FunctionalInterface
    interface Pacer {
        long dueNanos(OutgoingRecord r);
    }

    static Pacer syntheticPacer(GeneratorSettings s) {
        if (s.ratePerSecond() == GeneratorSettings.MAX_RATE) {
            return r -> 0;
        }
        double gapNanos = 1e9 / s.ratePerSecond();
        double[] due = {-gapNanos};
        return r -> {
            due[0] += gapNanos / s.burst().factorAt((long) Math.max(0, due[0]));
            return (long) due[0];
        };
    }

    private GeneratorSummary run(String mode, Iterator<OutgoingRecord> source, Pacer pacer, long expected,
            Duration maxDuration, String topic, String devicesTopic, DeviceRegistry registry) {
        kafka.requireReachable();
        try (var admin = kafka.admin()) {
            Topics.ensure(admin, TopicSet.data(topic));
        }
        registry.publish(kafka, devicesTopic);
        var stats = new RunStats(registry);
        var producerProps = tuning.apply(kafka.producerProperties());
        long t0 = System.nanoTime();
        long deadline = maxDuration == null ? Long.MAX_VALUE : t0 + maxDuration.toNanos();
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
                ProgressBar bar = progressBar(mode, expected)) {
            while (!stopping && source.hasNext() && System.nanoTime() < deadline) {
                OutgoingRecord r = source.next();
                awaitDue(t0 + pacer.dueNanos(r), deadline);
                if (stopping || System.nanoTime() >= deadline) {
                    break;
                }
                stats.generated(r);
                try {
                    producer.send(new ProducerRecord<>(topic, r.key(), r.value()), (meta, e) -> stats.acknowledged(meta, e));
                } catch (KafkaException e) {
                    stats.acknowledged(null, e);
                }
                if (bar != null) {
                    bar.step();
                }
            }
            producer.flush();
        }
        return stats.summary(mode, topic, Duration.ofNanos(System.nanoTime() - t0), stopping);
    }

    private void awaitDue(long dueNanos, long deadline) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0 && !stopping && System.nanoTime() < deadline;
                wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        }
    }

    private ProgressBar progressBar(String mode, long expected) {
        if (!progress) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(mode).setInitialMax(expected > 0 ? expected : -1)
                .setUnit(" rec", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(500).build();
    }

    /** Counts made on the sending thread (kinds, keys, lateness) and in producer callbacks (acks, bytes). */
    private static final class RunStats {
        private final DeviceRegistry registry;
        private final Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        private final Map<String, Long> perKey = new LinkedHashMap<>();
        private final Map<Long, Long> outOfOrderBehind = new TreeMap<>();
        private final Map<Long, Long> lateBehind = new TreeMap<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private long generated;

        RunStats(DeviceRegistry registry) {
            this.registry = registry;
            for (RecordKind k : RecordKind.values()) {
                kinds.put(k, 0L);
            }
            registry.ids().forEach(id -> perKey.put(id, 0L));
        }

        void generated(OutgoingRecord r) {
            generated++;
            kinds.merge(r.kind(), 1L, Long::sum);
            perKey.computeIfPresent(r.key(), (k, n) -> n + 1);
            long behindSeconds = r.behindMillis() / 1000;
            if (r.kind() == RecordKind.OUT_OF_ORDER) {
                outOfOrderBehind.merge(behindSeconds, 1L, Long::sum);
            } else if (r.kind() == RecordKind.LATE) {
                lateBehind.merge(behindSeconds, 1L, Long::sum);
            }
        }

        void acknowledged(RecordMetadata meta, Exception e) {
            if (e == null) {
                sent.incrementAndGet();
                bytes.addAndGet(meta.serializedKeySize() + meta.serializedValueSize());
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        GeneratorSummary summary(String mode, String topic, Duration elapsed, boolean interrupted) {
            return new GeneratorSummary(mode, topic, generated, sent.get(), failed.get(), bytes.get(), elapsed,
                    new EnumMap<>(kinds), new LinkedHashMap<>(perKey),
                    new TreeMap<>(outOfOrderBehind), new TreeMap<>(lateBehind), registry.size(), interrupted,
                    firstError.get());
        }
    }
}
