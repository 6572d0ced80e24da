package dev.streaminglab.faults;

import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.NamespaceNetwork;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import dev.streaminglab.monitor.PrometheusApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A network partition: three KRaft nodes, each in a network namespace of its own; a producer writes numbered
 * records with acks=all (min.insync.replicas=2, replication 3); {@value #CUT_AFTER_S} s in, the node leading
 * partition 0 loses its link ({@link NamespaceNetwork#partition}) for {@value #CUT_FOR_S} s, then gets it back.
 * Measured: how long until the other two moved leadership away from it and shrank its partitions' ISR, what the
 * producer saw (errors, retries, its longest acknowledgement), how long the node took to rejoin every ISR, and,
 * read back from the topic, that no acknowledged record was lost and none written twice. Prometheus scrapes the
 * three exporters meanwhile (under-replicated partitions, ISR shrinks, the broker-down alert).
 */
public final class NetworkPartition {
    public static final String NAME = "network-partition";
    static final String TOPIC = "partition-experiment";
    static final int RECORDS = 30_000;
    static final double PER_SECOND = 500;
    static final long CUT_AFTER_S = 15;
    static final long CUT_FOR_S = 30;
    static final int PORT = 19092;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private NetworkPartition() {
    }

    public static Row run(Path work, int prometheusPort) throws Exception {
        try (NamespaceNetwork net = NamespaceNetwork.create(3)) {
            return Testbed.run(work, 3, PORT, net, prometheusPort, bed -> measure(bed.state(), net, bed.prometheus().api()));
        }
    }

    private static Row measure(ClusterState state, NamespaceNetwork net, PrometheusApi prometheus) throws Exception {
        KafkaConnection kafka = KafkaConnection.of(state.bootstrap());
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of(TOPIC, 3));
        }
        int victim = leaders(kafka).get(0);
        long led = leaders(kafka).values().stream().filter(l -> l == victim).count();
        // Asked of the two nodes that stay reachable: the victim would answer with its own stale view, or not at all.
        KafkaConnection survivors = KafkaConnection.of(state.nodes().stream().filter(n -> n.id() != victim)
                .map(n -> n.address() + ":" + n.brokerPort()).collect(Collectors.joining(",")));

        PacedProducer producer = new PacedProducer(kafka, TOPIC, RECORDS, PER_SECOND, 0);
        Thread writing = new Thread(producer, "partition-producer");
        writing.start();
        Await.until(WAIT, "the producer to run " + CUT_AFTER_S + " s", () -> producer.startNanos() > 0
                && producer.secondsSinceStart(System.nanoTime()) >= CUT_AFTER_S);
        long cut = System.nanoTime();
        net.partition(victim);
        long moved = since(cut, survivors, d -> d.partitions().stream().noneMatch(p -> led(p, victim)));
        long shrunk = since(cut, survivors, d -> d.partitions().stream().noneMatch(p -> inIsr(p, victim)));
        Await.until(WAIT, "the partition to last " + CUT_FOR_S + " s",
                () -> System.nanoTime() - cut >= Duration.ofSeconds(CUT_FOR_S).toNanos());
        long heal = System.nanoTime();
        net.heal(victim);
        long rejoined = since(heal, survivors, d -> d.partitions().stream().allMatch(p -> inIsr(p, victim)));
        writing.join(Duration.ofMinutes(5).toMillis());

        ReadBack back = ReadBack.of(kafka, TOPIC, producer.acked(), WAIT);
        double urpMax = prometheus.value("max_over_time(sum(kafka_server_replicamanager_underreplicatedpartitions)[10m:5s])");
        double shrinks = prometheus.value("sum(max_over_time(kafka_server_replicamanager_isrshrinks_total[10m]))");
        double downFired = prometheus.value("max_over_time(ALERTS{alertname=\"KafkaBrokerDown\",alertstate=\"firing\"}[10m])");
        return Row.of("faults", NAME, "acks=all, min.insync.replicas=2")
                .param("records", RECORDS).param("perSecond", PER_SECOND).param("cutAfterSeconds", CUT_AFTER_S)
                .param("cutForSeconds", CUT_FOR_S).param("replication", 3)
                .fact("victimNode", victim).fact("partitionsLedByVictim", led)
                .fact("sent", producer.records()).fact("acknowledged", producer.acked().cardinality())
                .fact("failed", producer.failed().cardinality()).fact("producerErrors", producer.errors())
                .fact("producerRetries", producer.retries()).fact("maxAckMs", producer.maxAckMillis())
                .fact("readBack", back.records()).fact("distinctReadBack", back.distinct())
                .fact("lostAcknowledged", back.lostAcknowledged()).fact("duplicates", back.duplicates())
                .fact("presentUnacknowledged", back.presentUnacknowledged())
                .fact("leadershipMovedMs", moved).fact("isrShrunkMs", shrunk).fact("rejoinedAllIsrMs", rejoined)
                .fact("prometheusMaxUnderReplicated", urpMax).fact("prometheusIsrShrinks", shrinks)
                .fact("brokerDownAlertFired", downFired == 1.0)
                .fact("acksPerSecond", producer.acksPerSecond());
    }

    /** Leader node of each partition of the experiment's topic. */
    private static Map<Integer, Integer> leaders(KafkaConnection kafka) {
        try (Admin admin = kafka.admin()) {
            return Topics.require(admin, TOPIC).partitions().stream().collect(Collectors.toMap(
                    TopicPartitionInfo::partition, p -> p.leader() == null ? -1 : p.leader().id()));
        }
    }

    /** Milliseconds from {@code start} until the topic, as the survivors describe it, satisfies {@code state}. */
    private static long since(long start, KafkaConnection survivors, Predicate<TopicDescription> state) {
        try (Admin admin = survivors.admin()) {
            Await.until(WAIT, "the topic's leaders and ISR to change", () -> {
                try {
                    return state.test(KafkaFutures.await(admin.describeTopics(List.of(TOPIC)).allTopicNames(),
                            "describing " + TOPIC).get(TOPIC));
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static boolean led(TopicPartitionInfo p, int node) {
        return p.leader() != null && p.leader().id() == node;
    }

    private static boolean inIsr(TopicPartitionInfo p, int node) {
        return p.isr().stream().map(Node::id).anyMatch(id -> id == node);
    }
}
