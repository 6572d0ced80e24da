package dev.streaminglab.faults;

import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes numbered records (value = sequence number) at a steady rate with acks=all and idempotence, and keeps what
 * the producer saw: which numbers were acknowledged, which failed and with what, how long each acknowledgement took,
 * and the acknowledgements of each second. A fault experiment then reads the topic back and compares.
 */
final class PacedProducer implements Runnable {
    static final int KEYS = 30;

    private final KafkaConnection kafka;
    private final String topic;
    private final int records;
    private final double perSecond;
    /** Appended to every key, to make records this much bigger (the key decides the partition either way). */
    private final String padding;
    private final BitSet acked = new BitSet();
    private final BitSet failed = new BitSet();
    private final Map<String, Integer> errors = new TreeMap<>();
    private final long[] ackMicros;
    private final List<Long> ackSecond = new ArrayList<>();
    private volatile long startNanos;
    private volatile long retries;

    PacedProducer(KafkaConnection kafka, String topic, int records, double perSecond, int paddingBytes) {
        this.kafka = kafka;
        this.topic = topic;
        this.records = records;
        this.perSecond = perSecond;
        this.padding = "-".repeat(paddingBytes);
        this.ackMicros = new long[records];
    }

    /** acks=all, idempotent, and patient: a record is retried for two minutes before the producer gives up. */
    static Properties properties(KafkaConnection kafka) {
        Properties p = kafka.producerProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        return p;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        long every = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        try (var producer = new KafkaProducer<>(properties(kafka), new StringSerializer(), new LongSerializer())) {
            for (int i = 0; i < records; i++) {
                // Pacing, not waiting for anything: the next record is due at a fixed time after the start.
                long due = startNanos + i * every;
                long now = System.nanoTime();
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                }
                int seq = i;
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k" + (seq % KEYS) + padding, (long) seq),
                        (meta, e) -> done(seq, sent, e));
            }
            producer.flush();
            retries = (long) producer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("record-retry-total") && e.getKey().group().equals("producer-metrics"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        }
    }

    private synchronized void done(int seq, long sentNanos, Exception e) {
        long now = System.nanoTime();
        if (e == null) {
            acked.set(seq);
            ackMicros[seq] = (now - sentNanos) / 1000;
            int second = (int) ((now - startNanos) / TimeUnit.SECONDS.toNanos(1));
            while (ackSecond.size() <= second) {
                ackSecond.add(0L);
            }
            ackSecond.set(second, ackSecond.get(second) + 1);
        } else {
            failed.set(seq);
            errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    /** Seconds since this producer started, on its clock (the experiment's timeline uses the same). */
    double secondsSinceStart(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    long startNanos() {
        return startNanos;
    }

    synchronized BitSet acked() {
        return (BitSet) acked.clone();
    }

    synchronized BitSet failed() {
        return (BitSet) failed.clone();
    }

    synchronized Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    synchronized List<Long> acksPerSecond() {
        return List.copyOf(ackSecond);
    }

    long retries() {
        return retries;
    }

    /** The longest acknowledgement, in ms: how long the fault held a record up. */
    synchronized long maxAckMillis() {
        long max = 0;
        for (int i = acked.nextSetBit(0); i >= 0; i = acked.nextSetBit(i + 1)) {
            max = Math.max(max, ackMicros[i]);
        }
        return max / 1000;
    }

    Duration plannedDuration() {
        return Duration.ofMillis((long) (records / perSecond * 1000));
    }

    int records() {
        return records;
    }
}
