package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A producer whose failed sends are not forgotten: the first failure is reported when it is flushed, so a
 * benchmark never waits for records that were never written.
 */
final class CheckedProducer<K, V> implements AutoCloseable {
    private final KafkaProducer<K, V> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    CheckedProducer(Properties props) {
        producer = new KafkaProducer<>(props);
    }

    void send(ProducerRecord<K, V> record) {
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new LabException("writing benchmark input failed: " + e + " (check the cluster's logs)", e);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
