package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.SyntheticTelemetry;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * Runs Kafka Streams stages on a real cluster and measures them two ways. Throughput: the stage starts on an
 * input topic already full of readings and the clock runs from its first result until every input has
 * one (catch-up, the stage's capacity). Latency: then readings arrive at a fixed rate and each result's age
 * (now minus the input's timestamp, which Streams carries through) goes into an HdrHistogram, in
 * milliseconds because record timestamps are.
 */
final class StreamsBench {
    static final int INPUT_PARTITIONS = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RESULTS_TIMEOUT = Duration.ofSeconds(180);

    /** One configuration of a stage. */
    record Variant(StageUnderTest stage, String guarantee, String store, int threads) {
        String label() {
            return stage.name() + " " + guarantee + " " + store + " " + threads + "t";
        }
    }

    /** Catch-up throughput and, when a live phase ran, its latency at the rate it kept. */
    record Result(RunStats catchUp, Optional<LatencySummary> live, double liveRate) {
    }

    /** How long rebuilding a store from its changelog took. */
    record Restore(long records, double seconds) {
    }

    private final KafkaConnection connection;
    private final Path stateDir;
    private final long inputRecords;

    /** @param inputRecords records each variant processes from a full input topic, times its stage's scale */
    StreamsBench(KafkaConnection connection, Path stateDir, long inputRecords) {
        this.connection = connection;
        this.stateDir = stateDir;
        this.inputRecords = inputRecords;
    }

    /**
     * A fresh set of topics per run (the live phase appends to the input, and the next run must not see that):
     * the registry of the lab's devices, and the stage's input filled with the generator's records.
     */
    private TopicSet filledTopics(StageUnderTest stage, long inputRecords) {
        TopicSet topics = UnderTest.topics(stage.name());
        try (Admin admin = connection.admin(); CheckedProducer<String, byte[]> producer = producer()) {
            BenchTopics.createAll(admin, topics.data(), INPUT_PARTITIONS);
            BenchTopics.createAll(admin, List.of(topics.devices()), 1);
            BenchTelemetry.REGISTRY.devices().forEach(d ->
                    producer.send(new ProducerRecord<>(topics.devices(), d.deviceId(), Json.bytes(d))));
            String input = stage.input().topic(topics);
            // Enough for the input even after the stage's predecessors would have refused the malformed records.
            SyntheticTelemetry history = BenchTelemetry.history(inputRecords * 102 / 100 + 100);
            long written = 0;
            while (written < inputRecords) {
                OutgoingRecord r = history.next();
                Optional<byte[]> value = stage.input().encode(r, BenchTelemetry.REGISTRY);
                if (value.isPresent()) {
                    producer.send(new ProducerRecord<>(input, null, r.eventTime(), r.key(), value.get()));
                    written++;
                }
            }
            producer.flush();
        }
        return topics;
    }

    Result run(Variant v, int liveRate, Duration liveDuration) {
        long inputRecords = this.inputRecords * v.stage().inputScale();
        TopicSet topics = filledTopics(v.stage(), inputRecords);
        String applicationId = BenchTopics.uniqueName("app-" + v.stage().name());
        Properties props = streamsProperties(applicationId, v.guarantee(), v.store(), v.threads());
        Topology topology = v.stage().build(topics, props);
        try (ResultCounter results = new ResultCounter(connection, v.stage().results().apply(topics));
                StreamsRunner streams = new StreamsRunner(topology, props)) {
            streams.startAndAwaitRunning(START_TIMEOUT);
            long done = results.await(inputRecords, v.label());
            // From the first result, not from RUNNING: the group's first assignment and fetches vary by a
            // second or more from run to run, which would swamp a fast stage's few seconds of work.
            RunStats catchUp = new RunStats(inputRecords, 0, (done - results.firstAt()) / 1e9, Optional.empty());
            if (liveDuration.isZero()) {
                streams.closeAndCleanUp();
                deleteTopics(topics.all(), applicationId);
                return new Result(catchUp, Optional.empty(), 0);
            }
            long liveRecords = Math.max(1, liveRate * liveDuration.toSeconds());
            results.measureFrom(System.currentTimeMillis());
            String input = v.stage().input().topic(topics);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendLive(input, v.stage().input(),
                    liveRate, liveRecords));
            results.await(inputRecords + liveRecords, v.label());
            sending.join();
            streams.closeAndCleanUp();
            deleteTopics(topics.all(), applicationId);
            return new Result(catchUp, Optional.of(LatencySummary.ofMicros(results.latencies())),
                    BenchTelemetry.liveRate(liveRate));
        }
    }

    /** The run's topics and the application's internal ones (changelogs, repartition): a full run adds up. */
    private void deleteTopics(List<String> topics, String applicationId) {
        List<String> all = new ArrayList<>(topics);
        try (Admin admin = connection.admin()) {
            all.addAll(Topics.internalTopics(admin, applicationId));
        }
        BenchContext.deleteTopics(connection, all);
    }

    /**
     * Builds a count store of {@code keys} distinct keys, wipes the local copy, starts again and times how long
     * Streams takes to rebuild the store from its changelog topic.
     */
    Restore restore(int keys, String store) {
        String restoreInput;
        String out;
        try (Admin admin = connection.admin(); CheckedProducer<String, byte[]> producer = producer()) {
            restoreInput = BenchTopics.create(admin, "restore-in", INPUT_PARTITIONS, 1);
            out = BenchTopics.create(admin, "restore-out", INPUT_PARTITIONS, 1);
            byte[] value = new byte[8];
            for (int k = 0; k < keys; k++) {
                producer.send(new ProducerRecord<>(restoreInput, "key-" + k, value));
            }
            producer.flush();
        }
        String applicationId = BenchTopics.uniqueName("app-restore");
        Properties props = streamsProperties(applicationId, StreamsConfig.AT_LEAST_ONCE, store, 1);
        StreamsBuilder b = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        b.stream(restoreInput, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                .count(Materialized.as("restore-store"))
                .toStream().to(out, Produced.with(Serdes.String(), Serdes.Long()));
        Topology topology = b.build(props);
        try (ResultCounter results = new ResultCounter(connection, List.of(out));
                StreamsRunner first = new StreamsRunner(topology, props)) {
            first.startAndAwaitRunning(START_TIMEOUT);
            results.await(keys, "restore " + keys);
            first.closeAndCleanUp();
        }
        RestoreTimer timer;
        try (StreamsRunner second = new StreamsRunner(topology, props)) {
            second.startAndAwaitRunning(RESULTS_TIMEOUT);
            timer = second.restores();
            second.closeAndCleanUp();
        }
        deleteTopics(List.of(restoreInput, out), applicationId);
        return new Restore(timer.restoredRecords(), timer.restoreMs() / 1000);
    }

    private Properties streamsProperties(String applicationId, String guarantee, String store, int threads) {
        Properties p = connection.streamsProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        // Every update is forwarded at once, so latency measures processing rather than the cache's flush interval.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, switch (store) {
            case "rocksdb" -> BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class;
            case "in_memory" -> BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class;
            default -> throw new LabException("unknown store '" + store + "': use rocksdb or in_memory");
        });
        return p;
    }


    /** Sends each live record when its clock comes, stamped with it, so results carry their send time. */
    private void sendLive(String input, StageInput format, int rate, long records) {
        SyntheticTelemetry live = BenchTelemetry.live(rate, records);
        try (CheckedProducer<String, byte[]> producer = producer()) {
            while (live.hasNext()) {
                OutgoingRecord r = live.next();
                long wait = r.clock() - System.currentTimeMillis();
                if (wait > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
                }
                producer.send(new ProducerRecord<>(input, null, r.clock(), r.key(),
                        format.encode(r, BenchTelemetry.REGISTRY).orElseThrow()));
            }
        }
    }

    private CheckedProducer<String, byte[]> producer() {
        Properties p = connection.producerProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new CheckedProducer<>(p);
    }

    /**
     * Counts the results of a stage on its result topics (committed records only, so exactly-once pays its
     * commit interval here as a real reader would), and times results after a given moment. A late record
     * counts once, for the per-device windows: one late for the per-site windows too is sent there again.
     */
    private static final class ResultCounter implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Histogram latencies = new Histogram(KitProducer.MAX_LATENCY_MICROS, 3);
        private long count;
        private long firstAt;
        private long measureFromMs = Long.MAX_VALUE;

        ResultCounter(KafkaConnection connection, List<String> topics) {
            Properties p = connection.consumerProperties(null);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
            consumer = new KafkaConsumer<>(p);
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> BenchTopics.partitions(t, INPUT_PARTITIONS).stream()).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Resolve the start offsets now, so the first poll fetches at once and the first result is seen
            // when it is written, not after a metadata round trip while the stage is already racing ahead.
            partitions.forEach(consumer::position);
        }

        /** System.nanoTime() when the first result arrived. */
        long firstAt() {
            return firstAt;
        }

        void measureFrom(long epochMs) {
            measureFromMs = epochMs;
        }

        Histogram latencies() {
            return latencies;
        }

        /** Polls until {@code target} results have arrived; returns System.nanoTime() at that moment. */
        long await(long target, String what) {
            long deadline = System.nanoTime() + RESULTS_TIMEOUT.toNanos();
            while (count < target) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("stage '" + what + "' produced " + count + " of " + target + " results within "
                            + RESULTS_TIMEOUT.toSeconds() + " s: every input must give one result on the stage's "
                            + "result topics (see StageUnderTest)");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    Header aggregate = r.headers().lastHeader(LateHeaders.AGGREGATE);
                    if (aggregate != null && !LateHeaders.DEVICE_1M.equals(
                            new String(aggregate.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    if (count++ == 0) {
                        firstAt = System.nanoTime();
                    }
                    long now = System.currentTimeMillis();
                    if (r.timestamp() >= measureFromMs) {
                        latencies.recordValue(Math.min(KitProducer.MAX_LATENCY_MICROS, Math.max(0, now - r.timestamp()) * 1_000));
                    }
                }
            }
            return System.nanoTime();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
