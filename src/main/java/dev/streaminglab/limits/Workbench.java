package dev.streaminglab.limits;

import dev.streaminglab.LabHome;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The scratch space of one experiment run: topics and application ids carry a unique prefix, state lives
 * in a temporary folder, and {@link #close()} stops every instance and deletes what the run created, so the
 * cluster is left as it was found.
 */
public final class Workbench implements AutoCloseable {
    /** A record to produce: key, value, event time (ms) and, where it matters, the partition. */
    public record Rec(String key, String value, long timestamp, Integer partition) {
        public static Rec of(String key, String value, long timestamp) {
            return new Rec(key, value, timestamp, null);
        }
    }

    static final int SESSION_TIMEOUT_MS = 10_000;

    private final KafkaConnection kafka;
    private final String prefix;
    private final Admin admin;
    private final Path stateRoot;
    private final List<StreamsRunner> apps = new ArrayList<>();
    private final List<String> appIds = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();

    public Workbench(KafkaConnection kafka, String experiment) {
        this.kafka = kafka;
        this.prefix = "limits-" + experiment + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        this.admin = kafka.admin();
        try {
            // Not under /tmp: the OS may clean it while an instance writes its checkpoint files.
            Path root = LabHome.workDir().resolve("limits-state");
            Files.createDirectories(root);
            this.stateRoot = Files.createTempDirectory(root, experiment + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KafkaConnection kafka() {
        return kafka;
    }

    public Admin admin() {
        return admin;
    }

    int brokers() {
        return KafkaFutures.await(admin.describeCluster().nodes(), "describing the cluster").size();
    }

    /** Creates a fresh topic named after the run; returns its full name. */
    public String topic(String name, int partitions) {
        return topic(name, partitions, Map.of());
    }

    public String topic(String name, int partitions, Map<String, String> configs) {
        String full = prefix + "-" + name;
        // Experiments use small event times (1 s, 25 s after 1970) to keep stream time readable; with time
        // retention such records would vanish at the broker's next retention check, mid-experiment.
        TopicSpec spec = TopicSpec.of(full, partitions).config(TopicConfig.RETENTION_MS_CONFIG, "-1");
        for (Map.Entry<String, String> c : configs.entrySet()) {
            spec = spec.config(c.getKey(), c.getValue());
        }
        Topics.ensure(admin, spec);
        topics.add(full);
        return full;
    }


    /** A name for a topic the run does not create (to show what happens when it is missing). */
    public String missingTopic(String name) {
        return prefix + "-" + name;
    }

    public String appId(String name) {
        String id = prefix + "-" + name;
        appIds.add(id);
        return id;
    }

    public Path stateDir(String instance) {
        return stateRoot.resolve(instance);
    }

    /**
     * Streams properties for an experiment: no record cache and a short commit interval, so what a topology
     * emits is visible at once and counts are exact; replication is the broker default (1 or 3 nodes).
     */
    public Properties streamsProps(String appId, String instance, Map<String, Object> overrides) {
        Properties p = kafka.streamsProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(instance).toString());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A member that vanished without leaving holds up the next rebalance this long (default 45 s).
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        p.putAll(overrides);
        return p;
    }

    /** A Streams instance that is not started yet; closed with the bench. Errors shut the client down. */
    public StreamsRunner app(String appId, String instance, Topology topology, Map<String, Object> overrides) {
        return app(appId, instance, topology, overrides, StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    public synchronized StreamsRunner app(String appId, String instance, Topology topology, Map<String, Object> overrides,
            StreamThreadExceptionResponse onError) {
        StreamsRunner app = new StreamsRunner(topology, streamsProps(appId, instance, overrides), onError);
        apps.add(app);
        return app;
    }

    public KafkaProducer<String, String> producer() {
        Properties p = kafka.producerProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Order matters to the time experiments (late records must arrive after on-time ones): one request in
        // flight keeps it without idempotence, whose sequence checks misbehave right after topic creation.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Produces the records and waits until the broker has them all. */
    public void produce(String topic, List<Rec> records) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (Rec r : records) {
                producer.send(new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value()));
            }
            producer.flush();
        }
    }

    /** Produces {@code count} records with keys {@code k0..k(keys-1)} and a payload of {@code valueBytes}. */
    public void produceKeyed(String topic, int count, int keys, int valueBytes) {
        String payload = "x".repeat(valueBytes);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, null, now, "k" + (i % keys), payload));
            }
            producer.flush();
        }
    }

    public List<ConsumerRecord<String, String>> read(String topic, int expected, Duration timeout) {
        return read(topic, expected, timeout, new StringDeserializer());
    }

    /**
     * Reads a topic from the beginning until {@code expected} records arrived or the timeout passed (read
     * committed, so aborted transactions never count); returns what it got, which tests compare exactly.
     */
    public <V> List<ConsumerRecord<String, V>> read(String topic, int expected, Duration timeout,
            Deserializer<V> values) {
        return TopicReader.of(kafka, new StringDeserializer(), values).atLeast(topic, expected, timeout,
                soFar -> !anAppFailed());
    }

    /** Waiting for output of an application that has stopped with an error would only end in a timeout. */
    private synchronized boolean anAppFailed() {
        for (StreamsRunner app : apps) {
            if (app.failed()) {
                throw new IllegalStateException("a Kafka Streams instance stopped with an error",
                        app.error().orElse(null));
            }
        }
        return false;
    }

    /** Total records in a topic (end offsets minus start offsets, counting transaction markers). */
    public long endOffsetSum(String topic) {
        return TopicReader.endOffsetSum(kafka, topic);
    }

    /** Topics whose name starts with the application id: the repartition and changelog topics Streams made. */
    public List<String> internalTopics(String appId) {
        return Topics.internalTopics(admin, appId);
    }

    @Override
    public void close() {
        apps.forEach(StreamsRunner::close);
        List<String> all = new ArrayList<>(topics);
        Topics.list(admin).stream().filter(t -> appIds.stream().anyMatch(id -> t.startsWith(id + "-"))).forEach(all::add);
        if (!all.isEmpty()) {
            // Deleting is housekeeping: do not make the run wait for it.
            admin.deleteTopics(all);
        }
        if (!appIds.isEmpty()) {
            admin.deleteConsumerGroups(appIds);
        }
        admin.close(Duration.ofSeconds(5));
        FileUtils.deleteQuietly(stateRoot.toFile());
    }

}
