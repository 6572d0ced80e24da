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

    /** Topics under given names (unique already), created in one request, each ready for writes. */
    static void createAll(Admin admin, List<String> names, int partitions) {
        List<NewTopic> topics = names.stream()
                .map(n -> new NewTopic(n, Optional.of(partitions), Optional.of((short) 1))).toList();
        KafkaFutures.await(admin.createTopics(topics).all(), "creating topics " + names);
        names.forEach(n -> awaitLeaders(admin, n, partitions));
    }

    static List<TopicPartition> partitions(String topic, int partitions) {
        return java.util.stream.IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    /**
     * The controller answers before every partition's leader is ready to take writes. First wait until the broker
     * lists a leader for each partition (asking for offsets earlier makes the Admin client log errors), then ask
     * each leader for its end offset, which succeeds only once it leads, so the first produce does not meet
     * NOT_LEADER_OR_FOLLOWER and retry.
     */
    private static void awaitLeaders(Admin admin, String name, int partitions) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        awaitUntil(deadline, name, () -> {
            var partitionInfo = admin.describeTopics(Set.of(name)).allTopicNames().get().get(name).partitions();
            return partitionInfo.size() == partitions
                    && partitionInfo.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        });
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        partitions(name, partitions).forEach(tp -> ends.put(tp, OffsetSpec.latest()));
        awaitUntil(deadline, name, () -> {
            admin.listOffsets(ends).all().get();
            return true;
        });
    }

    private interface Check {
        boolean ok() throws ExecutionException, InterruptedException;
    }

    private static void awaitUntil(long deadline, String name, Check check) {
        while (true) {
            String why = "not all partitions have a leader";
            try {
                if (check.ok()) {
                    return;
                }
            } catch (ExecutionException notReadyYet) {
                why = notReadyYet.getCause().getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for topic " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("topic '" + name + "' is not ready for writes after " + READY_TIMEOUT.toSeconds()
                        + " s (" + why + "): check the brokers' logs");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
