package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.KafkaFutures;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Topics the benchmark creates: each run gets fresh ones (a unique name), so no run reads what another left,
 * with an explicit replication factor, since the replication suite varies it.
 */
final class BenchTopics {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private BenchTopics() {
    }

    static String uniqueName(String prefix) {
        return "bench-" + prefix + "-" + System.currentTimeMillis() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    static String create(Admin admin, String prefix, int partitions, int replication) {
        String name = uniqueName(prefix);
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of((short) replication));
        KafkaFutures.await(admin.createTopics(Set.of(topic)).all(), "creating topic '" + name + "'");
        awaitLeaders(admin, name, partitions);
        return name;
    }

    static List<TopicPartition> partitions(String topic, int partitions) {
        return java.util.stream.IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    /**
     * The controller answers before every partition's leader is ready to take writes; asking each leader for its
     * end offset succeeds only once it is, so the first produce does not meet NOT_LEADER_OR_FOLLOWER and retry.
     */
    private static void awaitLeaders(Admin admin, String name, int partitions) {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        partitions(name, partitions).forEach(tp -> ends.put(tp, OffsetSpec.latest()));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.listOffsets(ends).all().get();
                return;
            } catch (ExecutionException notReadyYet) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("topic '" + name + "' has no ready leader for every partition after "
                            + READY_TIMEOUT.toSeconds() + " s (" + notReadyYet.getCause().getMessage()
                            + "): check the brokers' logs");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for topic " + name, e);
            }
        }
    }
}
