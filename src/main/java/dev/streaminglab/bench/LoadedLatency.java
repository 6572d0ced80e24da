package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.kafka.KafkaConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produce-to-consume latency under a steady load: a producer paced at a fixed rate and a consumer in the same
 * JVM, each record carrying the time it was <em>meant</em> to be sent. Measuring from the intended time, not
 * the actual one, counts the wait of records queued behind a stall (no coordinated omission), so an
 * overloaded machine shows up as growing latency instead of being hidden. The first fifth of the records warm up
 * the connections and the JIT and stay out of the histogram, as in the producer suite.
 */
final class LoadedLatency {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private LoadedLatency() {
    }

    static RunStats run(KafkaConnection connection, String topic, int partitions, double rate, Duration duration,
            int recordSize, Map<String, String> producerConfigs) {
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        long warmup = Profile.warmupFor(total);
        Histogram latencies = new Histogram(KitProducer.MAX_LATENCY_MICROS, 3);
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService consumerThread = Executors.newSingleThreadExecutor();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(connection))) {
            consumer.assign(BenchTopics.partitions(topic, partitions));
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            Future<?> consuming = consumerThread.submit(() -> {
                while (!stop.get() && received.get() < total) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        ByteBuffer value = ByteBuffer.wrap(r.value());
                        long intended = value.getLong();
                        if (value.getLong() >= warmup) {
                            latencies.recordValue(Math.min(KitProducer.MAX_LATENCY_MICROS,
                                    Math.max(0, (System.nanoTime() - intended) / 1_000)));
                        }
                        received.incrementAndGet();
                    }
                }
            });
            try {
                double sendSeconds = produce(connection, topic, rate, total, recordSize, producerConfigs);
                consuming.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return new RunStats(total, total * recordSize, sendSeconds,
                        Optional.of(LatencySummary.ofMicros(latencies)));
            } catch (TimeoutException e) {
                throw new LabException("only " + received.get() + " of " + total + " records came back from " + topic
                        + " within " + DRAIN_TIMEOUT.toSeconds() + " s of the end of sending: the load is beyond what "
                        + "this machine can carry; lower the load fractions", e);
            } catch (ExecutionException e) {
                throw new LabException("the latency consumer on " + topic + " failed: " + e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while measuring latency on " + topic, e);
            } finally {
                // The consumer is not thread-safe: its thread must have stopped before it is closed.
                stop.set(true);
                consumerThread.shutdown();
                awaitQuietly(consumerThread);
            }
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double produce(KafkaConnection connection, String topic, double rate, long total, int recordSize,
            Map<String, String> producerConfigs) {
        Properties props = connection.producerProperties();
        props.putAll(producerConfigs);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // The record starts with the time it is due and its sequence number.
        byte[] template = Payloads.letters(Math.max(2 * Long.BYTES, recordSize));
        double intervalNanos = 1e9 / rate;
        try (CheckedProducer<byte[], byte[]> producer = new CheckedProducer<>(props)) {
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long intended = start + Math.round(i * intervalNanos);
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] value = template.clone();
                ByteBuffer.wrap(value).putLong(intended).putLong(i);
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Properties consumerProps(KafkaConnection connection) {
        Properties props = connection.consumerProperties(null);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
