package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streaminglab.LabException;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.cluster.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The full local proof: three network namespaces with sshd, the playbooks of infra/ansible run against them
 * over SSH exactly as against cloud VMs, then clients of the resulting TLS + SASL/SCRAM + ACL cluster.
 * Slow (7 to 15 minutes measured on 2 cores shared with other builds, almost all of it in the two playbook
 * runs: SSH round trips and the admin tools' JVM start-ups), so it runs with -Plong; {@link
 * AnsiblePlaybooksTest} is the reduced version in the default suite.
 */
@Tag("long")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamespaceDeploymentIT {
    private static final Path WORK = ProcessRun.HOME.resolve("target/infra-proof").toAbsolutePath();
    private static final String TOPIC = "telemetry.raw";
    private static final int RECORDS = 20_000;

    private static NamespaceHosts hosts;
    private static LocalDeployment deployment;
    private static LocalDeployment.PlaybookRun first;

    @BeforeAll
    static void deploy() {
        assumeTrue(NamespaceHosts.possibleHere(), "needs root, iproute2, openssh-server, ansible and supervisor");
        // A fresh install every time: the hosts' disks and the CA of an earlier run are wiped first.
        ProcessRun wipe = ProcessRun.run(Duration.ofMinutes(1), Map.of(), List.of("rm", "-rf", WORK.toString()));
        assertThat(wipe.exitCode()).as(wipe.stderr()).isZero();
        hosts = NamespaceHosts.up(WORK.resolve("ssh"), 3);
        deployment = new LocalDeployment(hosts, WORK);
        deployment.writeInventory();
        first = deployment.playbook();
    }

    @AfterAll
    static void tearDown() {
        if (hosts != null) {
            hosts.close();
            ProcessRun left = ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("ip", "netns", "list"));
            assertThat(left.stdout()).as("namespaces left behind").doesNotContain("slab-");
        }
    }

    @Test
    @Order(1)
    void theFirstRunInstallsEverything() {
        assertThat(first.exitCode()).as("ansible-playbook exit code; output:\n%s", tail(first.output())).isZero();
        assertThat(first.failedOrUnreachable()).isZero();
        assertThat(first.changedPerHost()).as("changed tasks per host on a fresh install")
                .containsOnlyKeys("localhost", "h1", "h2", "h3").allSatisfy((host, changed) -> assertThat(changed).isPositive());
        System.out.println("first playbook run took " + first.took().toSeconds() + " s");
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothing() {
        LocalDeployment.PlaybookRun second = deployment.playbook();
        System.out.println("second playbook run took " + second.took().toSeconds() + " s");
        assertThat(second.exitCode()).as("output:\n%s", tail(second.output())).isZero();
        assertThat(second.changedPerHost()).as("changed tasks per host on the second run")
                .isEqualTo(Map.of("localhost", 0, "h1", 0, "h2", 0, "h3", 0));
    }

    @Test
    @Order(3)
    void everyServiceRunsUnderSupervision() {
        Map<Integer, List<String>> expected = Map.of(1, List.of("kafka", "kafka-connect"), 2, List.of("kafka",
                "streams-app"), 3, List.of("kafka", "dashboard"));
        expected.forEach((host, services) -> {
            ProcessRun status = hosts.exec(host, Duration.ofSeconds(30), "supervisorctl", "-c",
                    WORK.resolve("hosts/h" + host + "/etc/streaming-lab/supervisor/supervisord.conf").toString(), "status");
            for (String s : services) {
                assertThat(status.stdout()).as("supervisorctl status on h%d", host).containsPattern(s + "\\s+RUNNING");
            }
        });
    }

    @Test
    @Order(4)
    void aClientWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> deployment.connectionWithoutCredentials().requireReachable())
                .isInstanceOf(LabException.class);
        assertThat(deployment.connectionAs("admin").requireReachable()).hasSize(3);
    }

    @Test
    @Order(5)
    void aClientIsRefusedATopicItsAclsDoNotAllow() {
        var dashboardProducer = deployment.connectionAs("dashboard").producerProperties();
        // Without idempotence the refusal comes from the topic's ACL, not from the cluster-wide producer id.
        dashboardProducer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        dashboardProducer.put(ProducerConfig.ACKS_CONFIG, "1");
        try (var producer = new KafkaProducer<>(dashboardProducer, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("telemetry.enriched", "k", "v")).get())
                    .as("the dashboard is read-only").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        KafkaConnection pipeline = deployment.connectionAs("pipeline");
        try (var consumer = new KafkaConsumer<>(pipeline.consumerProperties(null), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("connect-offsets", 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .as("the pipeline may not read Connect's topics").isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /**
     * Writes {@link #RECORDS} records with acks=all as the pipeline's principal, kills one broker's process
     * half way, and reads back every record exactly once. When the generator and the pipeline land, {@link
     * #workload} becomes a call to them with the same connection.
     */
    @Test
    @Order(6)
    void killingOneBrokerLosesNothingWithAcksAll() throws Exception {
        KafkaConnection pipeline = deployment.connectionAs("pipeline");
        Map<TopicPartition, Long> start = endOffsets(pipeline);
        ProcessHandle broker = hosts.process(2, "kafka.Kafka").orElseThrow(() -> new AssertionError("no broker on h2"));
        int failed = workload(pipeline, () -> {
            broker.destroyForcibly();
            broker.onExit().join();
        });
        assertThat(broker.isAlive()).isFalse();
        assertThat(failed).as("sends that failed").isZero();

        BitSet seen = new BitSet(RECORDS);
        int read = 0;
        try (var consumer = new KafkaConsumer<>(pipeline.consumerProperties(null), new StringDeserializer(),
                new LongDeserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.set(r.value().intValue());
                    read++;
                }
            }
        }
        assertThat(read).as("records read back").isEqualTo(RECORDS);
        assertThat(seen.cardinality()).as("distinct values read back").isEqualTo(RECORDS);
    }

    /** Produces 0..RECORDS-1 with acks=all; runs {@code midway} after half are acknowledged. Returns failures. */
    private static int workload(KafkaConnection kafka, Runnable midway) throws InterruptedException {
        var props = kafka.producerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new LongSerializer())) {
            for (long i = 0; i < RECORDS; i++) {
                if (i == RECORDS / 2) {
                    producer.flush();
                    midway.run();
                }
                producer.send(new ProducerRecord<>(TOPIC, "device-" + (i % 50), i), (md, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (firstFailure.get() != null) {
            firstFailure.get().printStackTrace();
        }
        return failed.get();
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaConnection kafka) {
        try (var consumer = new KafkaConsumer<>(kafka.consumerProperties(null), new StringDeserializer(),
                new LongDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(TOPIC).forEach(p -> parts.add(new TopicPartition(TOPIC, p.partition())));
            return consumer.endOffsets(parts);
        }
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 4000));
    }
}
