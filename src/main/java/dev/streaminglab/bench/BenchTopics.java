package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.KafkaFutures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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

    /** The controller answers before every partition has a leader; producing earlier would only measure that wait. */
    private static void awaitLeaders(Admin admin, String name, int partitions) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                var description = admin.describeTopics(Set.of(name)).allTopicNames().get().get(name);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException notYetKnown) {
                // the broker we asked has not seen the topic yet; the deadline bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for topic " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("topic '" + name + "' has no leader for every partition after "
                        + READY_TIMEOUT.toSeconds() + " s: check the brokers' logs");
            }
            Thread.onSpinWait();
        }
    }
}
