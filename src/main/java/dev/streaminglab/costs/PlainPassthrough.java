package dev.streaminglab.costs;

import dev.streaminglab.LabException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The baseline a Kafka Streams stage is measured against: a KafkaConsumer and a KafkaProducer moving bytes from
 * {@code raw} to {@code valid}, with the client settings Kafka Streams gives its own clients (1,000 records per
 * poll, linger 100 ms, offsets committed by hand every commit interval after the producer flushed), and under
 * exactly-once a transaction per commit interval that carries the offsets, as Streams' exactly-once v2 does. What
 * Streams costs on top of this is its own work: tasks, record metadata, caches, punctuation.
 */
final class PlainPassthrough {
    private static final Duration POLL = Duration.ofMillis(100);
    /** Kafka Streams' transaction timeout under exactly-once (StreamsConfig's DEFAULT_TRANSACTION_TIMEOUT). */
    private static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private PlainPassthrough() {
    }

    static void run(ChildSpec spec, Path statusFile, StopSignal stop) {
        Properties streams = spec.streams();
        String group = streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(
                streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        long commitMs = Long.parseLong(streams.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        String in = spec.topics().raw();
        String out = spec.topics().valid();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ChildSpec.Status status = ChildSpec.Status.started(System.currentTimeMillis());
        status.write(statusFile);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(spec, group, exactlyOnce));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(spec, group, exactlyOnce))) {
            consumer.subscribe(List.of(in));
            if (exactlyOnce) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            long nextCommit = System.currentTimeMillis() + commitMs;
            boolean dirty = false;
            while (!stop.stopped() && failure.get() == null) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    producer.send(new ProducerRecord<>(out, null, r.timestamp(), r.key(), r.value(), r.headers()),
                            (meta, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    dirty = true;
                }
                if (status.runningAtMs() == 0 && !consumer.assignment().isEmpty()) {
                    status = status.running(System.currentTimeMillis(), 0, 0);
                    status.write(statusFile);
                }
                if (System.currentTimeMillis() >= nextCommit) {
                    if (dirty) {
                        commit(consumer, producer, exactlyOnce);
                        dirty = false;
                    }
                    nextCommit += commitMs;
                }
            }
            if (dirty && failure.get() == null) {
                commit(consumer, producer, exactlyOnce);
            }
        }
        if (failure.get() != null) {
            status.failed(failure.get().toString()).write(statusFile);
            throw new LabException("the plain passthrough failed: " + failure.get(), failure.get());
        }
    }

    /** Like a Streams commit: outputs flushed (or the transaction committed) together with the input offsets. */
    private static void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
            boolean exactlyOnce) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumer.assignment().forEach(tp -> offsets.put(tp, new OffsetAndMetadata(consumer.position(tp))));
        if (exactlyOnce) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            producer.beginTransaction();
        } else {
            producer.flush();
            consumer.commitSync(offsets);
        }
    }

    private static Properties consumerProps(ChildSpec spec, String group, boolean exactlyOnce) {
        Properties p = spec.clients();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        if (exactlyOnce) {
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        }
        return p;
    }

    private static Properties producerProps(ChildSpec spec, String group, boolean exactlyOnce) {
        Properties p = spec.clients();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        if (exactlyOnce) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-plain");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
            p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        }
        return p;
    }
}
