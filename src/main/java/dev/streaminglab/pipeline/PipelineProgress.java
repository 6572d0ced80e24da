package dev.streaminglab.pipeline;

import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.process.TelemetryPipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * "Has the pipeline processed everything sent so far?", answered from offsets: every partition of its input
 * topics (as its topology names them, internal repartition topics included) that received records since
 * {@link #mark} must have its application's committed offset at the end. Works for a fresh application that
 * started at the topics' end as for one resuming.
 */
public final class PipelineProgress {
    private final KafkaConnection kafka;
    private final String applicationId;
    private final Map<TopicPartition, Long> marked;

    private PipelineProgress(KafkaConnection kafka, String applicationId, Map<TopicPartition, Long> marked) {
        this.kafka = kafka;
        this.applicationId = applicationId;
        this.marked = marked;
    }

    /** Notes the input topics' end offsets now, before new records are sent. */
    public static PipelineProgress mark(KafkaConnection kafka, String applicationId) {
        try (Admin admin = kafka.admin()) {
            return new PipelineProgress(kafka, applicationId, endOffsets(admin, applicationId));
        }
    }

    /**
     * Waits until the application has committed past every record sent since {@link #mark}. Under exactly-once
     * the last record of a topic the pipeline itself wrote is followed by a transaction marker, which takes an
     * offset the application never commits past: one offset of slack is allowed there.
     */
    public void awaitCaughtUp(Duration timeout) {
        try (Admin admin = kafka.admin()) {
            AtomicReference<List<String>> behind = new AtomicReference<>(List.of());
            Await.until(timeout, () -> "the pipeline '" + applicationId + "' to catch up on " + behind.get()
                    + ": is it running?", () -> {
                        behind.set(behind(admin));
                        return behind.get().isEmpty();
                    });
        }
    }

    /**
     * Sends records a part at a time and waits for the pipeline ({@code applicationId}) to process each part
     * before the next, as live devices would pace them. Sent in one burst, the readings of several upstream tasks
     * would interleave out of order after the repartition by site, and many would be too late for their site
     * window. Returns how many records were sent.
     */
    public static int sendPaced(KafkaConnection kafka, String applicationId,
            List<ProducerRecord<String, byte[]>> records, int recordsPerPart, Duration timeout) {
        Properties p = kafka.producerProperties();
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int from = 0; from < records.size(); from += recordsPerPart) {
                PipelineProgress progress = mark(kafka, applicationId);
                records.subList(from, Math.min(records.size(), from + recordsPerPart)).forEach(producer::send);
                producer.flush();
                progress.awaitCaughtUp(timeout);
            }
        }
        return records.size();
    }

    private List<String> behind(Admin admin) {
        Map<TopicPartition, Long> end = endOffsets(admin, applicationId);
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaFutures.await(admin
                .listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(), "reading offsets");
        return end.entrySet().stream()
                .filter(e -> e.getValue() > marked.getOrDefault(e.getKey(), 0L))
                .filter(e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    long slack = e.getKey().topic().equals(TopicNames.TELEMETRY_RAW) ? 0 : 1;
                    return c == null || c.offset() < e.getValue() - slack;
                })
                .map(e -> e.getKey().toString()).sorted().toList();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String applicationId) {
        Set<String> present = Topics.list(admin);
        List<String> existing = TelemetryPipeline.sourceTopics(applicationId, TopicSet.STANDARD).stream()
                .filter(present::contains).toList();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        existing.forEach(t -> Topics.partitions(admin, t).forEach(tp -> request.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        KafkaFutures.await(admin.listOffsets(request).all(), "reading end offsets")
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
