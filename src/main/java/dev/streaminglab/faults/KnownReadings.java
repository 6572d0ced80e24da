package dev.streaminglab.faults;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.process.StatsAccumulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A known input for the pipeline's exactly-once experiments: a few devices, one reading each every 10 s of event
 * time over 8 minutes of the last hour, and the final per-device 1-minute aggregates recomputed from first
 * principles. The pipeline's {@code aggregates.device.1m.final} must then equal them: none missing, none twice.
 */
final class KnownReadings {
    static final int DEVICES = 6;
    static final Duration STEP = Duration.ofSeconds(10);
    static final int STEPS = 48;

    final List<Device> devices;
    final List<Reading> readings = new ArrayList<>();
    private final long base;

    KnownReadings(String prefix) {
        devices = DeviceRegistry.lab(DEVICES, 2).withIdPrefix(prefix).devices();
        // Event times of the last hour: changelogs keep them as record timestamps, and a date further back would
        // let retention delete state while a broker is down.
        base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)).toEpochMilli();
        for (int step = 0; step < STEPS; step++) {
            for (int i = 0; i < DEVICES; i++) {
                readings.add(new Reading(devices.get(i).deviceId(), base + step * STEP.toMillis(),
                        20 + (step % 7) * 0.5 + i, 40.0 + step % 5, null, null, (long) step));
            }
        }
    }

    void sendRegistry(KafkaProducer<String, byte[]> producer) {
        devices.forEach(d -> producer.send(new ProducerRecord<>(TopicNames.DEVICES, d.deviceId(), Json.bytes(d))));
        producer.flush();
    }

    static void send(KafkaProducer<String, byte[]> producer, List<Reading> part) {
        part.forEach(r -> producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, r.deviceId(), Json.bytes(r))));
        producer.flush();
    }

    /** Far later readings: every partition's stream time passes the last window's end and grace, so all close. */
    List<Reading> flush() {
        long t = base + STEPS * STEP.toMillis() + Duration.ofMinutes(10).toMillis();
        return devices.stream().map(d -> new Reading(d.deviceId(), t, 20.0, 40.0, null, null, 999L)).toList();
    }

    static KafkaProducer<String, byte[]> producer(KafkaConnection kafka) {
        return new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    /** The final aggregates, by "device@windowStart": readings per device and minute, summed in input order. */
    Map<String, WindowStats> expected() {
        Map<String, StatsAccumulator> acc = new TreeMap<>();
        Map<String, Device> byId = new TreeMap<>();
        devices.forEach(d -> byId.put(d.deviceId(), d));
        for (Reading r : readings) {
            long start = r.timestamp() - r.timestamp() % 60_000;
            acc.merge(r.deviceId() + "@" + start, StatsAccumulator.empty().add(EnrichedReading.of(r, byId.get(r.deviceId()))),
                    (a, b) -> a.add(EnrichedReading.of(r, byId.get(r.deviceId()))));
        }
        Map<String, WindowStats> out = new TreeMap<>();
        acc.forEach((k, a) -> {
            int at = k.indexOf('@');
            long start = Long.parseLong(k.substring(at + 1));
            out.put(k, a.toStats(k.substring(0, at), start, start + 60_000));
        });
        return out;
    }

    /** The committed final aggregates (read_committed: an aborted transaction's output never counts). */
    static List<WindowStats> finals(KafkaConnection kafka) {
        List<WindowStats> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.of(kafka, new StringDeserializer(), new StringDeserializer())
                .toEnd(TopicNames.AGGREGATES_DEVICE_1M_FINAL, Duration.ofSeconds(30))) {
            out.add(Json.read(r.value().getBytes(), WindowStats.class));
        }
        return out;
    }

    /** How the finals compare with the expected aggregates. */
    record Comparison(int expected, int finals, int distinct, int duplicates, int missing, int wrong) {
        boolean exact() {
            return finals == expected && duplicates == 0 && missing == 0 && wrong == 0;
        }
    }

    Comparison compare(List<WindowStats> finals) {
        Map<String, WindowStats> expected = expected();
        Map<String, WindowStats> byWindow = new TreeMap<>();
        finals.forEach(s -> byWindow.put(s.key() + "@" + s.windowStart(), s));
        int missing = 0;
        int wrong = 0;
        for (var e : expected.entrySet()) {
            WindowStats got = byWindow.get(e.getKey());
            missing += got == null ? 1 : 0;
            wrong += got != null && !got.equals(e.getValue()) ? 1 : 0;
        }
        return new Comparison(expected.size(), finals.size(), new HashSet<>(finals).size(),
                finals.size() - byWindow.size(), missing, wrong);
    }
}
