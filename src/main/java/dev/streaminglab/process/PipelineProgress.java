package dev.streaminglab.process;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.cluster.KafkaFutures;
import dev.streaminglab.cluster.Topics;
import dev.streaminglab.domain.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * "Has the pipeline processed everything sent so far?", answered from offsets: every partition of its input
 * topics that received records since {@link #mark} must have its application's committed offset at the end.
 * Works for a fresh application that started at the topics' end as for one resuming.
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
     * the last record of an intermediate topic is followed by a transaction marker, which takes an offset the
     * application never commits past: one offset of slack is allowed there.
     */
    public void awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = kafka.admin()) {
            while (true) {
                Map<TopicPartition, Long> end = endOffsets(admin, applicationId);
                Map<TopicPartition, OffsetAndMetadata> committed = KafkaFutures.await(admin
                        .listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(), "reading offsets");
                List<String> behind = end.entrySet().stream()
                        .filter(e -> e.getValue() > marked.getOrDefault(e.getKey(), 0L))
                        .filter(e -> {
                            OffsetAndMetadata c = committed.get(e.getKey());
                            long slack = e.getKey().topic().equals(TopicNames.TELEMETRY_RAW) ? 0 : 1;
                            return c == null || c.offset() < e.getValue() - slack;
                        })
                        .map(e -> e.getKey().toString()).sorted().collect(Collectors.toList());
                if (behind.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new LabException("the pipeline '" + applicationId + "' has not caught up after "
                            + timeout.toSeconds() + " s on " + behind + ": is it running?");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted while waiting for the pipeline", e);
                }
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String applicationId) {
        List<String> inputs = List.of(TopicNames.TELEMETRY_RAW, TopicNames.TELEMETRY_VALID,
                TopicNames.TELEMETRY_ENRICHED, applicationId + "-by-site-repartition");
        Set<String> present = Topics.list(admin);
        List<String> existing = inputs.stream().filter(present::contains).toList();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        KafkaFutures.await(admin.describeTopics(existing).allTopicNames(), "describing topics").forEach((name, d) ->
                d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        KafkaFutures.await(admin.listOffsets(request).all(), "reading end offsets")
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
