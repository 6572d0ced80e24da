package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.SyntheticTelemetry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The kit's own producer loop: the job's settings, latency (send to acknowledgement) recorded in an
 * HdrHistogram, running inside the benchmark's JVM. What it sends comes from a {@link RecordSource}: by default
 * what ProducerPerformance sends for the same job, so the two compare like for like; or, for
 * {@link #generator()}, the telemetry generator's records made one by one.
 */
public final class KitProducer implements ProducerUnderTest {
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** The records of one run: record {@code i} for {@code topic}. */
    public interface RecordSource {
        ProducerRecord<byte[], byte[]> record(String topic, long i);
    }

    private final String name;
    private final boolean telemetryOnly;
    private final Function<ProducerJob, RecordSource> sources;

    /**
     * ProducerPerformance's records, made as it makes them, no key: fresh random letters of the job's size in
     * one reused array (send copies the value into its batch before it returns), or a value picked at random
     * from the job's payload file.
     */
    public KitProducer() {
        this("kit-producer", false, job -> {
            SplittableRandom random = new SplittableRandom(job.records());
            if (job.payloadFile().isPresent()) {
                List<byte[]> values = TelemetryPayloads.read(job.payloadFile().get());
                return (topic, i) -> new ProducerRecord<>(topic, values.get(random.nextInt(values.size())));
            }
            byte[] payload = new byte[job.recordSize()];
            return (topic, i) -> {
                Payloads.fillLetters(payload, random);
                return new ProducerRecord<>(topic, payload);
            };
        });
    }

    private KitProducer(String name, boolean telemetryOnly, Function<ProducerJob, RecordSource> sources) {
        this.name = name;
        this.telemetryOnly = telemetryOnly;
        this.sources = sources;
    }

    /**
     * The telemetry generator's record source ({@link SyntheticTelemetry}, what {@code Generate.java} sends)
     * in this loop: each record is made when it is sent, keyed by device, so its cost is in the figures.
     */
    static KitProducer generator() {
        return new KitProducer("kit-generator", true, job -> {
            SyntheticTelemetry telemetry = BenchTelemetry.history(job.records());
            return (topic, i) -> {
                OutgoingRecord r = telemetry.next();
                return new ProducerRecord<>(topic, r.key().getBytes(StandardCharsets.UTF_8), r.value());
            };
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean telemetryOnly() {
        return telemetryOnly;
    }

    @Override
    public RunStats run(ProducerJob job) {
        Properties props = job.connection().producerProperties();
        // ProducerPerformance blocks on a full buffer for the client's default minute; so do we.
        props.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        props.putAll(job.producerConfigs());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        RecordSource source = sources.apply(job);
        // Callbacks run on the producer's I/O thread, but a failed send calls back on this one.
        SynchronizedHistogram latencies = new SynchronizedHistogram(MAX_LATENCY_MICROS, 3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long steadyStart = System.nanoTime();
        long steadyBytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < job.records() && failure.get() == null; i++) {
                boolean measured = i >= job.warmupRecords();
                if (i == job.warmupRecords()) {
                    steadyStart = System.nanoTime();
                }
                ProducerRecord<byte[], byte[]> record = source.record(job.topic(), i);
                if (measured) {
                    steadyBytes += record.value().length;
                }
                long sent = System.nanoTime();
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else if (measured) {
                        latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - sent) / 1_000));
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - steadyStart) / 1e9;
        if (failure.get() != null) {
            throw new LabException(name + " failed on topic " + job.topic() + ": " + failure.get().getMessage()
                    + " (check the cluster's logs)", failure.get());
        }
        return new RunStats(job.records() - job.warmupRecords(), steadyBytes, seconds,
                Optional.of(LatencySummary.ofMicros(latencies)));
    }
}
