package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.kafka.KafkaConnection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a run's input to its one-partition topic, in order (idempotent producer): all at once before an engine
 * starts (catch-up trials), or paced while it runs (latency trials), noting when each record was sent.
 */
final class InputTopic {
    private InputTopic() {
    }

    static void preload(KafkaConnection kafka, String topic, List<JobInput.Record> records) {
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            for (JobInput.Record r : records) {
                producer.send(new ProducerRecord<>(topic, 0, r.key(), r.value()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new LabException("writing the input to " + topic + " failed: " + failure.get().getMessage(),
                        failure.get());
            }
        }
    }

    /**
     * Sends the records at {@code rate} per second on a schedule (a slow send is caught up, not skipped). Until
     * {@code warm} holds, it sends at a tenth of the rate, so an engine still starting up faces no backlog.
     */
    static final class Paced implements AutoCloseable {
        private final AtomicLongArray sentAtMillis;
        private final Thread thread;
        private volatile int fullRateFrom = -1;
        private volatile boolean done;
        private volatile boolean stopping;

        Paced(KafkaConnection kafka, String topic, List<JobInput.Record> records, double rate, BooleanSupplier warm) {
            sentAtMillis = new AtomicLongArray(records.size());
            thread = new Thread(() -> {
                try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                    long due = System.nanoTime();
                    for (int i = 0; i < records.size() && !stopping; i++) {
                        if (fullRateFrom < 0 && warm.getAsBoolean()) {
                            fullRateFrom = i;
                        }
                        due += (long) (1e9 / (fullRateFrom < 0 ? rate / 10 : rate));
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        JobInput.Record r = records.get(i);
                        long now = System.currentTimeMillis();
                        sentAtMillis.set(i, now);
                        producer.send(new ProducerRecord<>(topic, 0, now, r.key(), r.value()));
                    }
                    producer.flush();
                }
                done = true;
            }, "paced-input");
            thread.setDaemon(true);
            thread.start();
        }

        long sentAt(int index) {
            return sentAtMillis.get(index);
        }

        /** The first record sent at the full rate, or -1 while still warming up. */
        int fullRateFrom() {
            return fullRateFrom;
        }

        boolean done() {
            return done;
        }

        @Override
        public void close() {
            stopping = true;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaConnection kafka) {
        var p = kafka.producerProperties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
