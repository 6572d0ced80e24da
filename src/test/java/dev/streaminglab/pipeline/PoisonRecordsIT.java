package dev.streaminglab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The poison records a new user sends with kcat, against real brokers and the exactly-once pipeline: a reading
 * stamped {@code -5} (Kafka cannot stamp a record with it: the processor fails) and one stamped 2 h ahead (past
 * the brokers' 1 h {@code message.timestamp.after.max.ms}, so the internal topics refuse it and the transaction
 * fails). Both must end in {@code telemetry.dlq} while the application stays RUNNING and the next reading flows.
 * <p>
 * A fresh application id starting at the topics' end, and device ids of its own, keep the shared cluster's other
 * records out of the counts.
 */
class PoisonRecordsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aNegativeAndAFarFutureTimestampDoNotStopTheExactlyOncePipeline() throws Exception {
        KafkaConnection kafka = SharedCluster.connection();
        String run = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String device = run + "-mote";
        long now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        String negative = reading(device, -5, 1);
        String future = reading(device, now + Duration.ofHours(2).toMillis(), 2);
        String good = reading(device, now, 3);

        PipelineOptions options = PipelineOptions.defaults().withApplicationId(run)
                .withInstance("1", Files.createTempDirectory("poison-state"), 0)
                .withOverride(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (PipelineInstance pipeline = PipelineInstance.start(kafka, options);
                var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                        new StringSerializer())) {
            pipeline.awaitRunning(WAIT);
            producer.send(new ProducerRecord<>(TopicNames.DEVICES, device, Json.text(new Device(device, "site-1",
                    "room", "mica2dot", 0, 0, 10, 30, 60)))).get();
            pipeline.awaitRegistry(List.of(device), WAIT);
            for (String value : List.of(negative, future, good)) {
                producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, device, value)).get();
            }

            Await.until(WAIT, () -> "the good reading in " + TopicNames.TELEMETRY_ENRICHED + " (pipeline state "
                    + pipeline.streams().state() + ")", () -> pipeline.failed() || !ofDevice(kafka,
                    TopicNames.TELEMETRY_ENRICHED, device).isEmpty());
            assertThat(pipeline.failed()).as("the pipeline failed").isFalse();
            assertThat(pipeline.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(ofDevice(kafka, TopicNames.TELEMETRY_ENRICHED, device)).extracting(r -> Json.MAPPER.readTree(
                    r.value()).get("seq").asLong()).containsExactly(3L);
            List<ConsumerRecord<String, byte[]>> refused = ofDevice(kafka, TopicNames.DEAD_LETTER, device);
            assertThat(refused).extracting(r -> new String(r.value(), StandardCharsets.UTF_8),
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.REASON),
                    r -> HeaderText.get(r.headers(), DeadLetterHeaders.STAGE)).containsExactly(
                    tuple(negative, "BAD_TIMESTAMP", "validation"), tuple(future, "BAD_TIMESTAMP", "validation"));
            assertThat(HeaderText.get(refused.get(0).headers(), DeadLetterHeaders.DETAIL))
                    .isEqualTo("timestamp -5 is negative: Kafka cannot stamp a record with it");
            assertThat(HeaderText.get(refused.get(1).headers(), DeadLetterHeaders.DETAIL))
                    .startsWith("timestamp " + Instant.ofEpochMilli(now + Duration.ofHours(2).toMillis()) + " is 1")
                    .endsWith(" min ahead of the pipeline's clock, more than the 50 min allowed");
            System.out.printf("poison records: %s%n", refused.stream().map(r -> HeaderText.get(r.headers(),
                    DeadLetterHeaders.DETAIL)).toList());
        }
    }

    private static String reading(String device, long timestamp, long seq) {
        return "{\"deviceId\":\"" + device + "\",\"timestamp\":" + timestamp + ",\"seq\":" + seq
                + ",\"temperature\":21.5,\"humidity\":40}";
    }

    /** The committed records of {@code topic} keyed by {@code device}, in offset order. */
    static List<ConsumerRecord<String, byte[]>> ofDevice(KafkaConnection kafka, String topic, String device) {
        return TopicReader.of(kafka, new StringDeserializer(), new ByteArrayDeserializer())
                .toEnd(topic, Duration.ofSeconds(30)).stream().filter(r -> device.equals(r.key())).toList();
    }
}
