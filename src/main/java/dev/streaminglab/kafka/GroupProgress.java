package dev.streaminglab.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a plain consumer's group, a Kafka Streams application id) has got, read from what it
 * committed: the kit's one answer to "has it processed everything up to here?". Committed offsets are what a
 * restarted application resumes from, so they count work that is really done (under exactly-once: committed with
 * the transaction that wrote its results), never records merely fetched.
 */
public final class GroupProgress {
    private GroupProgress() {
    }

    /** The end offsets of every partition of the topics, now. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        topics.forEach(t -> Topics.partitions(admin, t).forEach(tp -> request.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        KafkaFutures.await(admin.listOffsets(request).all(), "reading end offsets of " + topics)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The group's committed offsets by partition (partitions it never committed are absent). */
    public static Map<TopicPartition, Long> committed(Admin admin, String groupId) {
        Map<TopicPartition, OffsetAndMetadata> c = KafkaFutures.await(admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata(), "reading the offsets group '" + groupId + "' committed");
        Map<TopicPartition, Long> out = new HashMap<>();
        c.forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o.offset());
            }
        });
        return out;
    }

    /**
     * The partitions of {@code targets} whose committed offset is still below the target less its slack. A topic
     * written in transactions ends with a commit marker that takes an offset no consumer commits past: give such
     * partitions a slack of 1. A partition the group never committed on counts as at offset 0, so an empty one is
     * not behind (a repartition topic whose keys all hash elsewhere stays empty and never gets a commit).
     */
    public static List<TopicPartition> behind(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> targets,
            ToLongFunction<TopicPartition> slack) {
        return targets.entrySet().stream()
                .filter(e -> committed.getOrDefault(e.getKey(), 0L) < e.getValue() - slack.applyAsLong(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .toList();
    }

    /** The sum of committed offsets over the given partitions: records processed so far on a fresh group. */
    public static long total(Map<TopicPartition, Long> committed, Collection<TopicPartition> partitions) {
        return partitions.stream().mapToLong(tp -> committed.getOrDefault(tp, 0L)).sum();
    }
}
