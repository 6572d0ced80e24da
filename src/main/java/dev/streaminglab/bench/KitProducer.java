package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The kit's own plain producer loop: the same records and settings as ProducerPerformance, with latency
 * (send to acknowledgement) recorded in an HdrHistogram. It runs inside the benchmark's JVM.
 */
public final class KitProducer implements ProducerUnderTest {
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    @Override
    public String name() {
        return "kit-producer";
    }

    @Override
    public RunStats run(ProducerJob job) {
        Properties props = job.connection().producerProperties();
        props.putAll(job.producerConfigs());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        byte[] payload = Payloads.letters(job.recordSize());
        // Callbacks run on the producer's I/O thread, but a failed send calls back on this one.
        SynchronizedHistogram latencies = new SynchronizedHistogram(MAX_LATENCY_MICROS, 3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long steadyStart = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < job.records() && failure.get() == null; i++) {
                boolean measured = i >= job.warmupRecords();
                if (i == job.warmupRecords()) {
                    steadyStart = System.nanoTime();
                }
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(job.topic(), payload), (metadata, e) -> {
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
            throw new LabException("the kit producer failed on topic " + job.topic() + ": " + failure.get().getMessage()
                    + " (check the cluster's logs)", failure.get());
        }
        long steady = job.records() - job.warmupRecords();
        return new RunStats(steady, steady * job.recordSize(), seconds,
                Optional.of(LatencySummary.ofMicros(latencies)));
    }
}
