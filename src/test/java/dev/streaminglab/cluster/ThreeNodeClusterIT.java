package dev.streaminglab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Three KRaft nodes: replication 3, min ISR 2, and a round trip that survives a killed broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterIT {
    private static LocalCluster cluster;
    private static KafkaConnection kafka;

    @BeforeAll
    static void start() {
        cluster = SharedCluster.startFresh(3, "it-cluster-3");
        kafka = KafkaConnection.of(cluster.runningState().orElseThrow().bootstrap());
        try (Admin admin = kafka.admin()) {
            // Created while all three are up: a replication factor of 3 needs three live brokers.
            Topics.ensure(admin, TopicSpec.of("survivor-it", 3));
        }
    }

    @AfterAll
    static void stop() {
        ClusterState s = cluster.state().orElseThrow();
        cluster.stop(true);
        assertThat(s.nodes()).allSatisfy(n -> assertThat(n.alive()).as("node %d still running", n.id()).isFalse());
    }

    @Test
    @Order(1)
    void topicsAreReplicatedThreeTimesWithMinIsrTwo() {
        assertThat(kafka.requireReachable()).hasSize(3);
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of("replicated-it", 3));
            TopicDescription d = Topics.require(admin, "replicated-it");
            assertThat(d.partitions()).hasSize(3);
            assertThat(d.partitions()).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.isr()).hasSize(3);
            });
            var broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Map<ConfigResource, Config> configs =
                    KafkaFutures.await(admin.describeConfigs(Set.of(broker)).all(), "describing broker 1");
            assertThat(configs.get(broker).get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(configs.get(broker).get("default.replication.factor").value()).isEqualTo("3");
        }
    }

    @Test
    @Order(2)
    void aRoundTripSurvivesOneKilledBroker() {
        cluster.kill(3);
        // acks=all with min ISR 2: two live replicas are enough to accept writes.
        RoundTrip.Result r = RoundTrip.run(kafka, "survivor-it", 1000);
        assertThat(r.received()).hasSize(1000);
        assertThat(r.valueSum()).isEqualTo(499_500L);
        assertThat(cluster.state().orElseThrow().nodes().stream().filter(ClusterState.NodeState::alive).count())
                .isEqualTo(2);
    }
}
