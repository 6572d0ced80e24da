package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Topic housekeeping through the Admin API, with errors that say what to do. */
public final class Topics {
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);
    private Topics() {
    }

    /**
     * Creates the topic unless it exists. The replication factor is the broker's default (1 on one node, 3 on
     * three), so the same code fits both local shapes and real clusters. Existence is asked first: on a
     * cluster with ACLs, a principal that may describe a topic but not create it (the read-only dashboard, a
     * pipeline whose topics an operator made) would otherwise be refused a creation it does not need.
     */
    public static void ensure(Admin admin, String name, int partitions, Map<String, String> configs) {
        if (list(admin).contains(name)) {
            return;
        }
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
        try {
            KafkaFutures.await(admin.createTopics(Set.of(topic)).all(), "creating topic '" + name + "'");
        } catch (LabException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        awaitVisible(admin, name);
    }

    /**
     * The controller acknowledges a new topic before every broker's metadata has it; wait until the broker we
     * ask lists it, so the next call (describe, produce) does not see "unknown topic".
     */
    private static void awaitVisible(Admin admin, String name) {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        while (!list(admin).contains(name)) {
            if (System.nanoTime() > deadline) {
                throw new LabException("topic '" + name + "' was created but is not listed after "
                        + VISIBLE_TIMEOUT.toSeconds() + " s: check the brokers' logs");
            }
            Thread.onSpinWait();
        }
    }

    public static void ensure(Admin admin, String name, int partitions) {
        ensure(admin, name, partitions, Map.of());
    }

    /** User-visible topics, sorted (internal topics such as __consumer_offsets left out). */
    public static Set<String> list(Admin admin) {
        return new TreeSet<>(KafkaFutures.await(admin.listTopics().names(), "listing topics"));
    }

    /** Describes a topic that must exist; a missing one is reported with the topics that do. */
    public static TopicDescription require(Admin admin, String name) {
        Set<String> existing = list(admin);
        if (!existing.contains(name)) {
            throw new LabException("topic '" + name + "' does not exist: check the name (existing topics: "
                    + (existing.isEmpty() ? "none" : String.join(", ", existing)) + ")");
        }
        // Listed by one broker is not yet known to all: the one asked to describe may lag by a moment.
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        while (true) {
            try {
                return KafkaFutures.await(admin.describeTopics(Set.of(name)).allTopicNames(),
                        "describing topic '" + name + "'").get(name);
            } catch (LabException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
