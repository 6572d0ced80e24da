package dev.streaminglab.pipeline;

import static dev.streaminglab.pipeline.PoisonRecordsIT.ofDevice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.process.RegistryCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * Malformed registry rows against real brokers: what Kafka Streams 4.3 itself does with one on a GlobalKTable, and
 * the kit's path for them (the registry store skips them, {@link RegistryCheck} dead-letters them).
 */
class RegistryRowsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * A GlobalKTable with the settings that promise a dead letter (log-and-continue plus
     * {@code errors.dead.letter.queue.topic.name}, what the kit had). A malformed row arriving while it runs fails to
     * deserialize on the global thread, the handler returns a dead letter, and the global thread, which has no
     * producer (KIP-1295 is only proposed), fails on it: the whole client stops. A malformed row already there at
     * start is copied into the store unchecked by the restore, and the first reading of that device fails the join
     * on the stream thread. When this test fails, Kafka has changed: read the new behaviour and update the docs.
     */
    @Test
    void kafkaStreamsOwnGlobalTableFailsOnMalformedRows() throws Exception {
        KafkaConnection kafka = SharedCluster.connection();
        String run = "gkt-" + UUID.randomUUID().toString().substring(0, 8);
        String registry = run + ".devices";
        try (var admin = kafka.admin()) {
            Topics.ensureAll(admin, List.of(TopicSet.registry(registry), TopicSet.data(run + ".restored.in"),
                    TopicSet.data(run + ".live.in"),
                    TopicSet.data(run + ".out"), TopicSet.data(run + ".dlq")));
        }
        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(registry, "d1", "d1,site-1,room")).get();
            try (StreamsRunner streams = globalTableJoin(kafka, run, registry, "restored")) {
                streams.startAndAwaitRunning(WAIT);
                producer.send(new ProducerRecord<>(run + ".restored.in", "d1", "reading")).get();
                // failed() holds from PENDING_ERROR on; ERROR comes once the threads have shut down.
                Await.until(WAIT, "the client to reach ERROR",
                        () -> streams.streams().state() == KafkaStreams.State.ERROR);
                assertThat(error(streams)).hasStackTraceContaining(SerializationException.class.getName())
                        .hasStackTraceContaining("not a Device on " + registry);
            }
            try (StreamsRunner streams = globalTableJoin(kafka, run, registry, "live")) {
                // Restored unchecked as before; then a row arrives while it runs.
                streams.startAndAwaitRunning(WAIT);
                producer.send(new ProducerRecord<>(registry, "d2", "d2,site-1,room")).get();
                // failed() holds from PENDING_ERROR on; ERROR comes once the threads have shut down.
                Await.until(WAIT, "the client to reach ERROR",
                        () -> streams.streams().state() == KafkaStreams.State.ERROR);
                // Thrown bare or wrapped, depending on where the global thread reports it.
                Throwable root = error(streams);
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                assertThat(root).isInstanceOf(ClassCastException.class)
                        .hasMessageContaining("GlobalProcessorContextImpl cannot be cast");
            }
            assertThat(TopicReader.bytes(kafka).uncommitted().toEnd(run + ".dlq", WAIT)).isEmpty();
        }
    }

    private static StreamsRunner globalTableJoin(KafkaConnection kafka, String run, String registry, String name)
            throws IOException {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, Device> devices = builder.globalTable(registry,
                Consumed.with(Serdes.String(), Device.SERDE));
        // An input of its own: the second instance must not meet the first one's reading of the malformed row.
        builder.stream(run + "." + name + ".in", Consumed.with(Serdes.String(), Serdes.String()))
                .leftJoin(devices, (k, v) -> k, (v, d) -> v + " " + d)
                .to(run + ".out", Produced.with(Serdes.String(), Serdes.String()));
        Properties p = kafka.streamsProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, run + "-" + name);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(run).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, run + ".dlq");
        return new StreamsRunner(builder.build(), p);
    }

    private static Throwable error(StreamsRunner streams) {
        Throwable error = streams.error().orElseThrow();
        System.out.println("Kafka Streams on a malformed GlobalKTable row: " + error);
        return error;
    }

    /**
     * The kit, exactly-once: a device's good row, then three bad rows for it (no thresholds, a CSV line, thresholds
     * swapped) and one for a new device. The pipeline stays RUNNING, the device keeps its good thresholds, the new
     * one stays unknown, and every bad row is a BAD_REGISTRY_ROW dead letter.
     */
    @Test
    void badRowsAreDeadLetteredAndTheDeviceKeepsItsLastGoodRow() throws Exception {
        KafkaConnection kafka = SharedCluster.connection();
        String run = "rows-" + UUID.randomUUID().toString().substring(0, 8);
        String known = run + "-a";
        String stranger = run + "-b";
        Device good = new Device(known, "site-1", "room", "mica2dot", 0, 0, 10, 30, 60);
        List<String[]> bad = List.of(
                new String[] {known, "{\"deviceId\":\"" + known + "\",\"site\":\"site-2\"}",
                        "missing tempMinC, tempMaxC, humidityMaxPct"},
                new String[] {known, known + ",site-2,room", "not JSON"},
                new String[] {known, Json.text(new Device(known, "site-2", "room", "mica2dot", 0, 0, 30, 10, 60)),
                        "tempMinC 30.0 is not below tempMaxC 10.0"},
                new String[] {stranger, "{\"deviceId\":\"" + stranger + "\"}", "missing tempMinC"});
        PipelineOptions options = PipelineOptions.defaults().withApplicationId(run)
                .withInstance("1", Files.createTempDirectory("rows-state"), 0)
                .withOverride(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (PipelineInstance pipeline = PipelineInstance.start(kafka, options);
                var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                        new StringSerializer())) {
            pipeline.awaitRunning(WAIT);
            producer.send(new ProducerRecord<>(TopicNames.DEVICES, known, Json.text(good))).get();
            pipeline.awaitRegistry(List.of(known), WAIT);
            for (String[] row : bad) {
                producer.send(new ProducerRecord<>(TopicNames.DEVICES, row[0], row[1])).get();
            }
            long now = Instant.now().toEpochMilli();
            for (String id : List.of(known, stranger)) {
                producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, id, "{\"deviceId\":\"" + id
                        + "\",\"timestamp\":" + now + ",\"seq\":1,\"temperature\":21.5,\"humidity\":40}")).get();
            }
            Await.until(WAIT, () -> "the dead letters of " + run + " (pipeline failed: " + pipeline.failed() + ")",
                    () -> pipeline.failed() || ofDevice(kafka, TopicNames.DEAD_LETTER, stranger).size() == 2
                            && ofDevice(kafka, TopicNames.DEAD_LETTER, known).size() == 3
                            && !ofDevice(kafka, TopicNames.TELEMETRY_ENRICHED, known).isEmpty());
            assertThat(pipeline.failed()).isFalse();
            assertThat(pipeline.runners()).allSatisfy(r -> assertThat(r.streams().state())
                    .isEqualTo(KafkaStreams.State.RUNNING));
            EnrichedReading enriched = Json.read(ofDevice(kafka, TopicNames.TELEMETRY_ENRICHED, known).get(0).value(),
                    EnrichedReading.class);
            assertThat(List.of(enriched.site(), enriched.tempMinC(), enriched.tempMaxC(), enriched.humidityMaxPct()))
                    .containsExactly("site-1", 10.0, 30.0, 60.0);

            var letters = TopicReader.of(kafka, new StringDeserializer(), new StringDeserializer())
                    .toEnd(TopicNames.DEAD_LETTER, WAIT).stream()
                    .filter(r -> r.key() != null && r.key().startsWith(run)).toList();
            assertThat(letters).extracting(r -> r.key(), r -> r.value(),
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON),
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.STAGE)).containsExactlyInAnyOrder(
                    tuple(known, bad.get(0)[1], "BAD_REGISTRY_ROW", RegistryCheck.STAGE),
                    tuple(known, bad.get(1)[1], "BAD_REGISTRY_ROW", RegistryCheck.STAGE),
                    tuple(known, bad.get(2)[1], "BAD_REGISTRY_ROW", RegistryCheck.STAGE),
                    tuple(stranger, bad.get(3)[1], "BAD_REGISTRY_ROW", RegistryCheck.STAGE),
                    tuple(stranger, new String(ofDevice(kafka, TopicNames.DEAD_LETTER, stranger).stream()
                            .filter(r -> "UNKNOWN_DEVICE".equals(HeaderText.get(r.headers(), DeadLetterHeaders.REASON)))
                            .findFirst().orElseThrow().value(), StandardCharsets.UTF_8), "UNKNOWN_DEVICE", "enrichment"));
            for (String[] row : bad) {
                assertThat(letters).anySatisfy(r -> assertThat(HeaderText.get(r.headers(), DeadLetterHeaders.DETAIL))
                        .contains(row[2]));
            }
        }
    }
}
