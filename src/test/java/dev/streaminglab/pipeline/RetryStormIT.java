package dev.streaminglab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A retry storm under at-least-once: every reading is sent one to four times back to back, as devices that did not
 * get their acknowledgement resend it. The per-device windows must count each reading once, and every extra copy
 * must be a DUPLICATE dead letter.
 */
class RetryStormIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int DEVICES = 3;
    private static final int STEPS = 36;

    @Test
    void everyReadingIsCountedOnceAndEveryResendIsADeadLetter() throws Exception {
        KafkaConnection kafka = SharedCluster.connection();
        String run = "storm-" + UUID.randomUUID().toString().substring(0, 8);
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            devices.add(new Device(run + "-" + i, run, "room", "mica2dot", 0, 0, 10, 30, 60));
        }
        // Six minutes of readings, 10 s apart, ending now: inside the stores' reach and the timestamp bounds.
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(6)).toEpochMilli();
        Random random = new Random(11);
        List<Reading> readings = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> sends = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            for (Device d : devices) {
                Reading r = new Reading(d.deviceId(), start + step * 10_000L, 20.0 + step % 5, 40.0, null, null,
                        (long) step);
                readings.add(r);
                int copies = 1 + random.nextInt(4);
                for (int c = 0; c < copies; c++) {
                    sends.add(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, r.deviceId(), Json.bytes(r)));
                }
            }
        }
        long extra = sends.size() - readings.size();

        PipelineOptions options = PipelineOptions.defaults().withApplicationId(run)
                .withStages(EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.AGGREGATES))
                .withGuarantee(Guarantee.AT_LEAST_ONCE)
                .withInstance("1", Files.createTempDirectory("storm-state"), 0)
                .withOverride(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (PipelineInstance pipeline = PipelineInstance.start(kafka, options);
                var devicesProducer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                        new StringSerializer());
                var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                        new ByteArraySerializer())) {
            pipeline.awaitRunning(WAIT);
            for (Device d : devices) {
                devicesProducer.send(new ProducerRecord<>(TopicNames.DEVICES, d.deviceId(), Json.text(d))).get();
            }
            pipeline.awaitRegistry(devices.stream().map(Device::deviceId).toList(), WAIT);
            sends.forEach(producer::send);
            producer.flush();

            Map<String, Long> expected = new TreeMap<>();
            readings.forEach(r -> expected.merge(r.deviceId() + "@" + (r.timestamp() - r.timestamp() % 60_000), 1L,
                    Long::sum));
            Map<String, Long> windows = new TreeMap<>();
            long[] duplicates = new long[1];
            Await.until(WAIT, () -> "windows " + windows + " to equal " + expected + " and " + duplicates[0]
                    + " of " + extra + " duplicates", () -> {
                windows.clear();
                TopicReader.of(kafka, new StringDeserializer(), WindowStats.SERDE.deserializer())
                        .toEnd(TopicNames.AGGREGATES_DEVICE_1M, WAIT).stream()
                        .filter(r -> r.key().startsWith(run))
                        .forEach(r -> windows.put(r.key() + "@" + r.value().windowStart(), r.value().count()));
                duplicates[0] = TopicReader.bytes(kafka).toEnd(TopicNames.DEAD_LETTER, WAIT).stream()
                        .filter(r -> r.key() != null && new String(r.key()).startsWith(run))
                        .filter(r -> "DUPLICATE".equals(HeaderText.get(r.headers(), DeadLetterHeaders.REASON)))
                        .count();
                return windows.equals(expected) && duplicates[0] >= extra;
            });
            assertThat(windows).isEqualTo(expected);
            assertThat(duplicates[0]).isEqualTo(extra);
            assertThat(pipeline.failed()).isFalse();
            System.out.printf("retry storm: %d readings sent %d times; %d windows count each once; %d DUPLICATE dead"
                    + " letters%n", readings.size(), sends.size(), windows.size(), duplicates[0]);
        }
    }
}
