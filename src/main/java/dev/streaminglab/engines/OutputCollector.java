package dev.streaminglab.engines;

import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.engines.Oracle.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an engine's two output topics from the beginning while it runs, as a downstream application would
 * (read_committed: an aborted transaction's output is never seen), and notes when each window became visible,
 * on this JVM's clock: the same clock the load driver stamps sends with.
 */
final class OutputCollector implements AutoCloseable {
    /** A window and the wall-clock time (epoch ms) the collector first read it. */
    record Seen(JobWindow window, long seenAtMillis) {
    }

    private final String windowsTopic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Seen> windows = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Set<JobWindow.WindowKey> distinct = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int unreadable;

    OutputCollector(KafkaConnection kafka, String windowsTopic, String dlqTopic) {
        this.windowsTopic = windowsTopic;
        var props = kafka.consumerProperties(null);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (String t : List.of(windowsTopic, dlqTopic)) {
            consumer.partitionsFor(t).forEach(i -> tps.add(new TopicPartition(t, i.partition())));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        thread = new Thread(this::loop, "output-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                poll();
            }
        } catch (WakeupException stop) {
            // closing
        }
    }

    private void poll() {
        var records = consumer.poll(Duration.ofMillis(50));
        long now = System.currentTimeMillis();
        synchronized (this) {
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.topic().equals(windowsTopic)) {
                    try {
                        JobWindow w = JobWindow.SERDE.deserializer().deserialize(r.topic(), r.value());
                        windows.add(new Seen(w, now));
                        distinct.add(w.key());
                    } catch (RuntimeException e) {
                        unreadable++;
                    }
                } else {
                    deadLetters.add(DeadLetter.of(reason(r), r.key(), r.value()));
                }
            }
        }
    }

    private static JobReason reason(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(JobSpec.REASON_HEADER);
        try {
            return h == null ? null : JobReason.valueOf(new String(h.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    synchronized int distinctWindows() {
        return distinct.size();
    }

    synchronized int deadLetterCount() {
        return deadLetters.size();
    }

    synchronized List<Seen> windows() {
        return List.copyOf(windows);
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Window records that were not a {@link JobWindow} at all. */
    synchronized int unreadable() {
        return unreadable;
    }

    /** Stops polling in the background and reads on until the topics' committed ends, so nothing is left. */
    void drain(Duration timeout) {
        running = false;
        consumer.wakeup();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline) {
            try {
                poll();
            } catch (WakeupException late) {
                // the background loop's last wakeup
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
