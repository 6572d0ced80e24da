package dev.streaminglab.kafka;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic housekeeping through the Admin API, the one place the kit creates, waits for, describes and deletes
 * topics. Errors say what to do; calls that race the cluster's metadata retry with backoff.
 */
public final class Topics {
    /** How long a topic may take to be usable after the controller accepted it. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** How long one broker may know of a topic that another does not: far more than KRaft needs. */
    static final Duration METADATA_LAG = Duration.ofSeconds(5);

    private Topics() {
    }

    /**
     * Creates the topics that do not exist yet, in one request, and waits until all are ready for writes.
     * Existence is asked first: on a cluster with ACLs, a principal that may describe a topic but not create it
     * (the read-only dashboard, a pipeline whose topics an operator made) would otherwise be refused a creation
     * it does not need.
     */
    public static void ensureAll(Admin admin, Collection<TopicSpec> specs) {
        Set<String> existing = list(admin);
        List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            KafkaFutures.await(admin.createTopics(missing.stream().map(Topics::newTopic).toList()).all(),
                    "creating topics " + missing.stream().map(TopicSpec::name).toList());
        } catch (LabException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        missing.forEach(s -> awaitReady(admin, s.name()));
    }

    public static void ensure(Admin admin, TopicSpec spec) {
        ensureAll(admin, List.of(spec));
    }

    /** Creates a topic that must not exist yet (a benchmark's or experiment's fresh one), ready for writes. */
    public static String create(Admin admin, TopicSpec spec) {
        KafkaFutures.await(admin.createTopics(Set.of(newTopic(spec))).all(), "creating topic '" + spec.name() + "'");
        awaitReady(admin, spec.name());
        return spec.name();
    }

    private static NewTopic newTopic(TopicSpec s) {
        Optional<Short> replication = s.replication() == TopicSpec.BROKER_DEFAULT ? Optional.empty()
                : Optional.of((short) s.replication());
        return new NewTopic(s.name(), Optional.of(s.partitions()), replication).configs(s.configs());
    }

    /**
     * The controller acknowledges a new topic before the brokers have it: until then a describe may answer
     * "unknown topic", partitions have no leader, and a producer meets NOT_LEADER_OR_FOLLOWER retries (after
     * which an idempotent producer can stick in OUT_OF_ORDER_SEQUENCE_NUMBER). Ready means: described with a
     * leader and every replica in sync for each partition, and each leader answers for its end offset.
     */
    public static void awaitReady(Admin admin, String topic) {
        Await.until(READY_TIMEOUT, () -> "every partition of '" + topic + "' to have a leader with all replicas in "
                + "sync: check the brokers' logs", () -> {
                    Optional<TopicDescription> d = describeIfKnown(admin, topic);
                    return d.isPresent() && d.get().partitions().stream().allMatch(p -> p.leader() != null
                            && !p.leader().isEmpty() && p.isr().size() == p.replicas().size());
                });
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        partitions(admin, topic).forEach(tp -> ends.put(tp, OffsetSpec.latest()));
        KafkaFutures.retrying(READY_TIMEOUT, "asking the leaders of '" + topic + "' for their end offsets",
                KafkaFutures::isRetriable, () -> admin.listOffsets(ends).all());
    }

    private static Optional<TopicDescription> describeIfKnown(Admin admin, String topic) {
        try {
            return Optional.of(KafkaFutures.await(admin.describeTopics(Set.of(topic)).allTopicNames(),
                    "describing topic '" + topic + "'").get(topic));
        } catch (LabException e) {
            if (KafkaFutures.isRetriable(e.getCause())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** User-visible topics, sorted (internal topics such as __consumer_offsets left out). */
    public static Set<String> list(Admin admin) {
        return new TreeSet<>(KafkaFutures.await(admin.listTopics().names(), "listing topics"));
    }

    /**
     * Describes a topic that must exist; a missing one is reported with the topics that do. Brokers learn of a new
     * topic one after the other, and each call may ask another one: a topic just created elsewhere is looked for a
     * few seconds before it is called missing, and a describe that meets a broker not yet told is retried.
     */
    public static TopicDescription require(Admin admin, String name) {
        Set<String> existing = Await.value(METADATA_LAG, () -> {
            Set<String> listed = list(admin);
            return listed.contains(name) ? Optional.of(listed) : Optional.empty();
        }).orElseGet(() -> list(admin));
        if (!existing.contains(name)) {
            throw new LabException("topic '" + name + "' does not exist: check the name (existing topics: "
                    + (existing.isEmpty() ? "none" : String.join(", ", existing)) + ")");
        }
        return KafkaFutures.retrying(READY_TIMEOUT, "describing topic '" + name + "'", KafkaFutures::isRetriable,
                () -> admin.describeTopics(Set.of(name)).allTopicNames()).get(name);
    }

    /** The partitions of an existing topic. */
    public static List<TopicPartition> partitions(Admin admin, String topic) {
        int n = require(admin, topic).partitions().size();
        return IntStream.range(0, n).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    /** Topics whose name starts with the application id: the repartition and changelog topics Streams made. */
    public static List<String> internalTopics(Admin admin, String applicationId) {
        return list(admin).stream().filter(t -> t.startsWith(applicationId + "-")).toList();
    }

    /**
     * Deletes the topics and waits until the cluster no longer lists them: deletion is asynchronous, and a name
     * reused too early (or a count of "topics left") would still see the old topic.
     */
    public static void delete(Admin admin, Collection<String> names) {
        Set<String> present = new TreeSet<>(names);
        present.retainAll(list(admin));
        if (present.isEmpty()) {
            return;
        }
        KafkaFutures.retrying(READY_TIMEOUT, "deleting topics " + present, KafkaFutures::isRetriable,
                () -> admin.deleteTopics(present).all());
        Await.until(READY_TIMEOUT, () -> "topics " + present + " to disappear after deletion",
                () -> list(admin).stream().noneMatch(present::contains));
    }
}
