package dev.streaminglab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The smoke flow against real brokers. */
class RoundTripIT {
    @Test
    void everyRecordComesBackExactlyOnceEvenOnASecondRun() {
        KafkaConnection kafka = SharedCluster.connection();
        RoundTrip.run(kafka, "roundtrip-it", 1000);
        RoundTrip.Result second = RoundTrip.run(kafka, "roundtrip-it", 1000);

        assertThat(second.received()).hasSize(1000);
        assertThat(second.valueSum()).isEqualTo(499_500L);
        assertThat(second.perPartition().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        // Same key, same partition: each of the ten sensors sits in exactly one partition.
        Map<String, Set<Integer>> partitionsByKey = second.received().stream().collect(Collectors.groupingBy(
                RoundTrip.Received::key, Collectors.mapping(RoundTrip.Received::partition, Collectors.toSet())));
        assertThat(partitionsByKey).hasSize(RoundTrip.SENSORS);
        assertThat(partitionsByKey.values()).allSatisfy(ps -> assertThat(ps).hasSize(1));
        assertThat(second.table().rowCount()).isEqualTo(1000);
    }

    @Test
    void anUnreachableBootstrapFailsFastNamingTheAddress() {
        int unused = SharedCluster.freePortBlock(1);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> KafkaConnection.of("127.0.0.1:" + unused).requireReachable())
                .isInstanceOf(LabException.class)
                .hasMessage("cannot reach Kafka at 127.0.0.1:" + unused + " within 10 s: start the local cluster "
                        + "with './lab cluster start', or check --bootstrap");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aMissingTopicIsNamedWithTheTopicsThatExist() {
        KafkaConnection kafka = SharedCluster.connection();
        try (var admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of("present-it", 1));
            assertThatThrownBy(() -> Topics.require(admin, "absent-it"))
                    .isInstanceOf(LabException.class)
                    .hasMessageStartingWith("topic 'absent-it' does not exist: check the name (existing topics: ")
                    .hasMessageContaining("present-it");
        }
    }
}
