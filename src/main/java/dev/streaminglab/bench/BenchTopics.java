package dev.streaminglab.bench;

import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.Topics;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Topics the benchmark creates: each run gets fresh ones (a unique name), so no run reads what another left,
 * with an explicit replication factor, since the replication suite varies it.
 */
final class BenchTopics {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private BenchTopics() {
    }

    static String uniqueName(String prefix) {
        return "bench-" + prefix + "-" + System.currentTimeMillis() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    static String create(Admin admin, String prefix, int partitions, int replication) {
        return Topics.create(admin, TopicSpec.of(uniqueName(prefix), partitions).replication(replication));
    }

    /** Topics under given names (unique already), on one node, each ready for writes. */
    static void createAll(Admin admin, List<String> names, int partitions) {
        Topics.ensureAll(admin, names.stream().map(n -> TopicSpec.of(n, partitions).replication(1)).toList());
    }

    static List<TopicPartition> partitions(String topic, int partitions) {
        return IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }
}
