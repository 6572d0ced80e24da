package dev.streaminglab.engines.plain;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.streaminglab.domain.Json;
import dev.streaminglab.engines.EngineArgs;
import dev.streaminglab.engines.JobCheck;
import dev.streaminglab.engines.JobReason;
import dev.streaminglab.engines.JobSpec;
import dev.streaminglab.engines.JobWindow;
import dev.streaminglab.engines.SiteRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The job (docs/evaluation/job.md) with a plain KafkaConsumer and KafkaProducer: what a team writes without a
 * framework. Windows, grace, lateness and state are ours. Exactly-once by hand: every commit interval one
 * transaction holds the outputs since the last commit, a snapshot of the state (to the compacted topic
 * {@code <state>}) and the input offsets; a restart aborts the open transaction, reads the last snapshot and
 * resumes from the committed offsets. With {@code --guarantee at_least_once} there is no transaction.
 */
public final class PlainJob {
    private static final String SNAPSHOT_KEY = "state";
    private final EngineArgs args;
    private final Map<String, String> sites;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private State state = new State(new HashMap<>(), new TreeMap<>());
    private volatile boolean running = true;

    /** Stream time per input partition, and the open windows by zero-padded "start|site" (sorted: oldest first). */
    record State(Map<Integer, Long> streamTime, TreeMap<String, Acc> open) {
    }

    /** One open window's running count, minimum, maximum and sum. */
    record Acc(String site, long start, long count, double min, double max, double sum) {
        Acc add(double t) {
            return new Acc(site, start, count + 1, Math.min(min, t), Math.max(max, t), sum + t);
        }
    }

    PlainJob(EngineArgs args) {
        this.args = args;
        this.sites = SiteRegistry.read(args.registry());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, args.id());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        if (args.exactlyOnce()) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, args.id() + "-tx");
        }
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] argv) {
        PlainJob job = new PlainJob(EngineArgs.parse(argv));
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            job.running = false;
            job.consumer.wakeup();
            try {
                main.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        job.run();
    }

    void run() {
        if (args.exactlyOnce()) {
            producer.initTransactions(); // fences a killed predecessor and aborts its open transaction
            restoreSnapshot();
            producer.beginTransaction();
        }
        List<TopicPartition> partitions = consumer.partitionsFor(args.input()).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        partitions.forEach(tp -> state.streamTime().putIfAbsent(tp.partition(), Long.MIN_VALUE));
        long lastCommit = System.nanoTime();
        boolean dirty = false;
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    process(r);
                    dirty = true;
                }
                if (dirty && System.nanoTime() - lastCommit >= args.commitMs() * 1_000_000) {
                    commit();
                    lastCommit = System.nanoTime();
                    dirty = false;
                }
            }
        } catch (WakeupException stopping) {
            // Ctrl-C or SIGTERM: commit what was processed, then close.
        }
        commit();
        consumer.close();
        producer.close();
    }

    private void process(ConsumerRecord<String, byte[]> r) {
        JobCheck.Verdict v = JobCheck.check(r.value(), sites);
        long streamTime = state.streamTime().get(r.partition());
        if (!v.accepted() || JobSpec.late(v.timestamp(), streamTime)) {
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(args.dlq(), r.key(), r.value());
            String reason = v.accepted() ? JobReason.LATE.name() : v.reason().name();
            dead.headers().add(JobSpec.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            producer.send(dead);
            return;
        }
        long start = JobSpec.windowStart(v.timestamp());
        state.open().merge(String.format("%015d|%s", start, v.site()), new Acc(v.site(), start, 1, v.temperature(), v.temperature(),
                v.temperature()), (a, b) -> a.add(v.temperature()));
        state.streamTime().put(r.partition(), Math.max(streamTime, v.timestamp()));
        // The watermark is the slowest partition's stream time: a window closes when no partition can still
        // bring an on-time reading for it.
        long watermark = state.streamTime().values().stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
        for (Iterator<Acc> it = state.open().values().iterator(); it.hasNext(); ) {
            Acc a = it.next();
            long end = a.start() + JobSpec.WINDOW.toMillis();
            if (!JobSpec.closed(end, watermark)) {
                break;
            }
            producer.send(new ProducerRecord<>(args.windows(), a.site(), Json.bytes(new JobWindow(a.site(), a.start(),
                    end, a.count(), a.min(), a.max(), a.sum() / a.count()))));
            it.remove();
        }
    }

    /** Outputs, state snapshot and offsets in one transaction (or, at least once, flushed then committed). */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumer.assignment().forEach(tp -> offsets.put(tp, new OffsetAndMetadata(consumer.position(tp))));
        if (!args.exactlyOnce()) {
            producer.flush();
            consumer.commitSync(offsets);
            return;
        }
        producer.send(new ProducerRecord<>(args.state(), SNAPSHOT_KEY, Json.bytes(state)));
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        if (running) {
            producer.beginTransaction();
        }
    }

    /** The last committed snapshot, read to the end of the state topic; none on a first start. */
    private void restoreSnapshot() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrap());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            reader.partitionsFor(args.state()).forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
            reader.assign(tps);
            reader.seekToBeginning(tps);
            Map<TopicPartition, Long> end = reader.endOffsets(tps);
            byte[] last = null;
            while (tps.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    last = r.value();
                }
            }
            if (last != null) {
                state = Json.MAPPER.convertValue(Json.MAPPER.readTree(last), new TypeReference<State>() { });
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable state snapshot in " + args.state(), e);
        }
    }
}
