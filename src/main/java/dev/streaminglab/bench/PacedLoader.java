package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.costs.Telemetry;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.ProducerTuning;
import dev.streaminglab.ingest.SyntheticTelemetry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The latency suite's generator, in a JVM of its own: the generator's live readings ({@link Telemetry#live}, valid
 * readings of the 54 motes) at a fixed rate, with the generator's producer settings, each sent when it is due: at
 * its creation time, which is also its event time. A send that comes late (the loader, the machine or the producer
 * fell behind) keeps its creation time, so the latency measured from it includes the wait.
 *
 * <p>Arguments: bootstrap, client properties file, rate (records/s), records, start (epoch ms), summary file.
 */
public final class PacedLoader {
    /** What the loader did; {@code lateSends}: sent more than 10 ms after they were due. */
    record Summary(long sent, long failed, long lateSends, String firstError) {
    }

    private static final long LATE_MS = 10;

    private PacedLoader() {
    }

    /** The readings a loader with these arguments sends, in send order: the harness joins on them. */
    static SyntheticTelemetry readings(double rate, long records, long startMs) {
        return Telemetry.live(rate, records, startMs);
    }

    public static void main(String[] args) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[1]))) {
            props.load(r);
        }
        ProducerTuning.defaults().apply(props);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        double rate = Double.parseDouble(args[2]);
        long records = Long.parseLong(args[3]);
        long startMs = Long.parseLong(args[4]);
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long sent = 0;
        long late = 0;
        SyntheticTelemetry readings = readings(rate, records, startMs);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            while (readings.hasNext()) {
                OutgoingRecord r = readings.next();
                long wait = r.eventTime() - System.currentTimeMillis();
                if (wait > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
                } else if (-wait > LATE_MS) {
                    late++;
                }
                producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, r.key(), r.value()), (meta, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                });
                sent++;
            }
        }
        Files.writeString(Path.of(args[5]), Json.text(
                new Summary(sent, failed.get(), late, firstError.get())));
        if (failed.get() > 0) {
            throw new LabException("the loader failed " + failed.get() + " sends: " + firstError.get());
        }
    }

    static List<String> args(String bootstrap, Path clientProperties, double rate, long records, long startMs,
            Path summary) {
        return List.of(bootstrap, clientProperties.toString(), String.valueOf(rate), String.valueOf(records),
                String.valueOf(startMs), summary.toString());
    }
}
