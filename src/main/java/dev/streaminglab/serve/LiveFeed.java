package dev.streaminglab.serve;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the pipeline's output topics as records arrive and fans them out to every connected browser. A
 * bounded history lets a page that connects late (or reconnects) draw the recent past at once.
 */
public final class LiveFeed implements AutoCloseable {
    /** Topics the page shows, newest records first read from this far back. */
    static final Duration HISTORY = Duration.ofMinutes(15);
    /** Enough events for 15 minutes of a demo-sized pipeline; older ones fall off. */
    static final int HISTORY_EVENTS = 20_000;
    /** A browser that stops reading is dropped rather than allowed to fill the server's memory. */
    static final int SUBSCRIBER_BACKLOG = 10_000;

    static final List<String> TOPICS = List.of(TopicNames.AGGREGATES_DEVICE_1M, TopicNames.AGGREGATES_SITE_1M,
            TopicNames.ALERTS, TopicNames.DEAD_LETTER);

    /** An aggregate as the page draws it: which scope, which window, and when Kafka stored it. */
    public record AggregatePoint(String scope, WindowStats stats, long writtenAt, long receivedAt) {
    }

    /** A refused record as the page counts it. */
    public record DeadLetterPoint(String reason, String detail, long writtenAt) {
    }

    private final KafkaConnection kafka;
    private final Deque<DashboardEvent> history = new ArrayDeque<>();
    private final List<BlockingQueue<DashboardEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, Long> deadLetterReasons = new HashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public LiveFeed(KafkaConnection kafka) {
        this.kafka = kafka;
        this.thread = new Thread(this::consumeLoop, "dashboard-feed");
        this.thread.setDaemon(true);
    }

    public LiveFeed start() {
        thread.start();
        return this;
    }

    /**
     * A new subscriber's queue, pre-filled with the history so the page draws at once, then a {@code live}
     * event: what follows arrives as it is written (the page measures update latency on those only).
     */
    public BlockingQueue<DashboardEvent> subscribe() {
        BlockingQueue<DashboardEvent> q = new LinkedBlockingQueue<>(SUBSCRIBER_BACKLOG + HISTORY_EVENTS + 1);
        synchronized (history) {
            q.addAll(history);
            q.add(new DashboardEvent(nextId.getAndIncrement(), "live", Map.of("replayed", history.size())));
            subscribers.add(q);
        }
        return q;
    }

    public void unsubscribe(BlockingQueue<DashboardEvent> q) {
        subscribers.remove(q);
    }

    private static String headerOrUnknown(ConsumerRecord<?, ?> r, String name) {
        String v = HeaderText.get(r.headers(), name);
        return v == null ? "UNKNOWN" : v;
    }

    /** Publishes an event that does not come from a topic (metrics, health). */
    public void publish(String type, Object data) {
        DashboardEvent e = new DashboardEvent(nextId.getAndIncrement(), type, data);
        for (BlockingQueue<DashboardEvent> q : subscribers) {
            if (!q.offer(e)) {
                subscribers.remove(q);
            }
        }
    }

    public synchronized Map<String, Long> deadLetterReasons() {
        return Map.copyOf(deadLetterReasons);
    }

    private void record(String type, Object data) {
        DashboardEvent e = new DashboardEvent(nextId.getAndIncrement(), type, data);
        synchronized (history) {
            history.addLast(e);
            if (history.size() > HISTORY_EVENTS) {
                history.removeFirst();
            }
            for (BlockingQueue<DashboardEvent> q : subscribers) {
                if (!q.offer(e)) {
                    subscribers.remove(q);
                }
            }
        }
    }

    private void consumeLoop() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                assignFromHistoryStart(c);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        handle(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Topics missing or cluster down: the metrics probe shows the banner; try again shortly.
                if (!running) {
                    return;
                }
                pause(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * The pipeline writes in transactions (exactly-once): the page shows what they committed, never the output
     * of an aborted attempt that the retry writes again.
     */
    private Properties consumerProperties() {
        Properties p = kafka.consumerProperties(null);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private void assignFromHistoryStart(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : TOPICS) {
            c.partitionsFor(topic, Duration.ofSeconds(5)).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        }
        c.assign(parts);
        long since = System.currentTimeMillis() - HISTORY.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        parts.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = c.endOffsets(parts);
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp o = starts.get(tp);
            c.seek(tp, o != null ? o.offset() : ends.get(tp));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        long now = System.currentTimeMillis();
        // Aggregate topics use LogAppendTime, so the record timestamp is when Kafka stored it.
        long writtenAt = r.timestampType() == TimestampType.LOG_APPEND_TIME ? r.timestamp() : now;
        try {
            switch (r.topic()) {
                case TopicNames.AGGREGATES_DEVICE_1M -> record("aggregate",
                        new AggregatePoint("device", WindowStats.SERDE.deserializer().deserialize(r.topic(), r.value()), writtenAt, now));
                case TopicNames.AGGREGATES_SITE_1M -> record("aggregate",
                        new AggregatePoint("site", WindowStats.SERDE.deserializer().deserialize(r.topic(), r.value()), writtenAt, now));
                case TopicNames.ALERTS -> record("alert", Alert.SERDE.deserializer().deserialize(r.topic(), r.value()));
                case TopicNames.DEAD_LETTER -> {
                    DeadLetterPoint p = new DeadLetterPoint(headerOrUnknown(r, DeadLetterHeaders.REASON),
                            headerOrUnknown(r, DeadLetterHeaders.DETAIL), writtenAt);
                    synchronized (this) {
                        deadLetterReasons.merge(p.reason(), 1L, Long::sum);
                    }
                    record("deadLetter", p);
                }
                default -> { }
            }
        } catch (RuntimeException unreadable) {
            // An output record the page cannot draw is counted like a dead letter, never hidden.
            record("deadLetter", new DeadLetterPoint("UNREADABLE_OUTPUT", r.topic() + ": " + unreadable.getMessage(), writtenAt));
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
