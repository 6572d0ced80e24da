package dev.streaminglab.process;

import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A small, seeded input that exercises every path of the pipeline: smooth per-site temperatures, one device
 * overheating for {@value #OVERHEAT_READINGS} readings, one anomalous spike, malformed records of every kind,
 * an unregistered device and a few readings too late for their window. Same seed, same records.
 * The telemetry generator of {@code dev.streaminglab.ingest} is the realistic source; this one is for
 * notebooks and tests that need to know exactly what went in.
 */
public final class SampleReadings {
    /** One more than {@link Alerts#CONSECUTIVE_BREACHES}, so the alert fires once and the run goes on. */
    public static final int OVERHEAT_READINGS = Alerts.CONSECUTIVE_BREACHES + 1;
    /** Every this many readings one malformed record is sent. */
    public static final int MALFORMED_EVERY = 40;
    /** A late reading claims to be this much older than the newest one: beyond the 30 s grace. */
    public static final Duration LATE_BY = Duration.ofMinutes(3);
    public static final int LATE_READINGS = 3;

    /** The registry rows and the raw telemetry, in send order. */
    public record Sample(List<Device> devices, List<ProducerRecord<String, byte[]>> telemetry) {
    }

    private SampleReadings() {
    }

    /** Devices "PREFIX-s-n" on sites "site-a", "site-b"...; thresholds 10–30 °C, humidity up to 70 %. */
    public static List<Device> devices(String prefix, int sites, int perSite) {
        List<Device> devices = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            for (int n = 0; n < perSite; n++) {
                devices.add(new Device(prefix + "-" + s + "-" + n, site(s), "room-" + n, "mica2dot", n * 3.0, s * 4.0,
                        10, 30, 70));
            }
        }
        return devices;
    }

    public static String site(int index) {
        return "site-" + (char) ('a' + index);
    }

    /** Readings of every device every {@code period} from {@code start} for {@code span}, with the incidents. */
    public static Sample generate(String prefix, int sites, int perSite, Instant start, Duration span,
            Duration period, long seed) {
        List<Device> devices = devices(prefix, sites, perSite);
        Random random = new Random(seed);
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        long steps = span.toMillis() / period.toMillis();
        long overheatFrom = steps * 4 / 10;
        long spikeAt = steps * 6 / 10;
        long lateFrom = steps * 8 / 10;
        int sent = 0;
        for (long step = 0; step < steps; step++) {
            long ts = start.toEpochMilli() + step * period.toMillis();
            for (int i = 0; i < devices.size(); i++) {
                Device d = devices.get(i);
                int siteIndex = i / perSite;
                double temp = 20 + 2 * siteIndex + 0.3 * Math.sin(2 * Math.PI * step * period.toMillis() / 600_000.0)
                        + random.nextGaussian() * 0.05;
                if (i == 0 && step >= overheatFrom && step < overheatFrom + OVERHEAT_READINGS) {
                    temp = d.tempMaxC() + 2;
                }
                if (i == devices.size() - 1 && step == spikeAt) {
                    temp += 3;
                }
                double humidity = 40 + siteIndex * 5 + random.nextGaussian();
                out.add(raw(d.deviceId(), new Reading(d.deviceId(), ts, round(temp), round(humidity),
                        round(300 + random.nextDouble() * 50), 2.7, step)));
                if (++sent % MALFORMED_EVERY == 0) {
                    out.add(malformed(d.deviceId(), ts, sent / MALFORMED_EVERY));
                }
            }
            if (step >= lateFrom && step < lateFrom + LATE_READINGS) {
                Device d = devices.get(1 % devices.size());
                long lateTs = ts - LATE_BY.toMillis();
                out.add(raw(d.deviceId(), new Reading(d.deviceId(), lateTs, 21.0, 45.0, null, null, -step)));
            }
            if (step % 10 == 5) {
                String ghost = prefix + "-ghost";
                out.add(raw(ghost, new Reading(ghost, ts, 22.0, 44.0, null, null, step)));
            }
        }
        return new Sample(devices, out);
    }

    /** Rotates through the kinds of broken input validation must catch. */
    private static ProducerRecord<String, byte[]> malformed(String deviceId, long ts, int n) {
        String value = switch (n % 4) {
            case 0 -> "temperature=21.5;humidity=40";
            case 1 -> "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":" + ts + ",\"seq\":1,\"temperature\":21.0}";
            case 2 -> "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":" + ts
                    + ",\"seq\":1,\"temperature\":-200.0,\"humidity\":40.0}";
            default -> "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":" + ts + ",\"temperat";
        };
        return new ProducerRecord<>(TopicNames.TELEMETRY_RAW, deviceId, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<String, byte[]> raw(String key, Reading r) {
        return new ProducerRecord<>(TopicNames.TELEMETRY_RAW, key, Json.bytes(r));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Creates the topics if needed and writes the registry rows. Send them before the telemetry and let the
     * pipeline see them ({@link PipelineInstance#awaitRegistry}), or early readings are UNKNOWN_DEVICE.
     */
    public static void produceDevices(KafkaConnection kafka, Sample sample) {
        try (Admin admin = kafka.admin()) {
            PipelineTopics.ensureAll(admin);
        }
        List<ProducerRecord<String, byte[]>> rows = sample.devices().stream()
                .map(d -> new ProducerRecord<>(TopicNames.DEVICES, d.deviceId(), Json.bytes(d))).toList();
        send(kafka, rows);
    }

    /** Writes the raw telemetry; returns how many records were sent. */
    public static int produceTelemetry(KafkaConnection kafka, Sample sample) {
        send(kafka, sample.telemetry());
        return sample.telemetry().size();
    }

    /**
     * Writes the raw telemetry about one step of readings per device at a time and waits for the pipeline
     * ({@code applicationId}) to process each part before sending the next, as live devices would pace it.
     * Sent in one burst, the readings of several upstream tasks would interleave out of order after the
     * repartition by site, and many would be too late for their site window.
     */
    public static int produceTelemetryPaced(KafkaConnection kafka, Sample sample, String applicationId,
            int recordsPerPart, Duration timeout) {
        List<ProducerRecord<String, byte[]>> all = sample.telemetry();
        for (int from = 0; from < all.size(); from += recordsPerPart) {
            PipelineProgress progress = PipelineProgress.mark(kafka, applicationId);
            send(kafka, all.subList(from, Math.min(all.size(), from + recordsPerPart)));
            progress.awaitCaughtUp(timeout);
        }
        return all.size();
    }

    private static void send(KafkaConnection kafka, List<ProducerRecord<String, byte[]>> records) {
        var props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
