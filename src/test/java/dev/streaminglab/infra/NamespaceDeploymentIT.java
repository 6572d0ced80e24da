package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.Cli;
import dev.streaminglab.LabException;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.cluster.JavaProcess;
import dev.streaminglab.connect.ConnectorFiles;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.infra.LocalDeployment.Listener;
import dev.streaminglab.ingest.GenerateCommand;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.pipeline.PipelineCommand;
import dev.streaminglab.process.TelemetryPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 * The full local proof: four network namespaces with sshd (three KRaft nodes with a data disk each, and a
 * database host), and the README's cloud path run against them: the operator's Ansible, without sudo, over SSH
 * as the hosts' login user with sudo, from an inventory of the shape Terraform renders, installing from checked
 * tarballs. Then the deployment is used as a user would: the generator through Kafka's external listener, the
 * dashboard, Connect and PostgreSQL through SSH tunnels; it is attacked on every listener; a broker is killed;
 * a configuration change and an upgrade from the previous Kafka minor roll over the nodes while the generator
 * writes with acks=all; and PostgreSQL ends up with the rows the pipeline computed. Slow (about half an hour on
 * 2 shared cores, most of it in playbook runs: SSH round trips and tool JVMs), so it runs with -Plong;
 * {@link AnsiblePlaybooksTest} is the reduced version in the default suite.
 */
@Tag("long")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamespaceDeploymentIT {
    private static final Path WORK = ProcessRun.HOME.resolve("target/infra-proof").toAbsolutePath();
    private static final int CONNECT_HOST = 1;
    private static final int PIPELINE_HOST = 2;
    private static final int DASHBOARD_HOST = 3;
    private static final int DATABASE_HOST = 4;
    /** The cluster is installed at the previous minor release and upgraded to the kit's by the last roll. */
    private static final String PREVIOUS_KAFKA = "4.2.0";
    /** The configuration change the first roll makes (group_vars' kafka_num_io_threads is 8). */
    private static final List<String> CHANGED_CONFIG = List.of("-e", "kafka_num_io_threads=6");

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration PROCESSING = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static NamespaceHosts hosts;
    private static LocalDeployment deployment;
    private static LocalDeployment.PlaybookRun first;
    /** Readings every generator run so far has sent: each run's exact defects follow from its count. */
    private static final List<Long> generated = new ArrayList<>();
    private static final Map<String, Duration> durations = new TreeMap<>();
    private static final Map<String, Long> counts = new TreeMap<>();

    @BeforeAll
    static void deploy() {
        assumeTrue(NamespaceHosts.possibleHere(), "needs root, iproute2, openssh-server, sudo, losetup, ansible and supervisor");
        // A fresh install every time: the hosts' disks and the CA of an earlier run are wiped first.
        ProcessRun wipe = ProcessRun.run(Duration.ofMinutes(1), Map.of(), List.of("rm", "-rf", WORK.toString()));
        assertThat(wipe.exitCode()).as(wipe.stderr()).isZero();
        hosts = NamespaceHosts.up(WORK.resolve("ssh"), LocalDeployment.HOSTS, LocalDeployment.KAFKA_NODES);
        deployment = new LocalDeployment(hosts, WORK);
        deployment.prepare();
        deployment.kafkaTarball(PREVIOUS_KAFKA);
        first = deployment.playbook(previousKafka());
        durations.put("1 first playbook run", first.took());
    }

    @AfterAll
    static void tearDown() {
        if (hosts != null) {
            hosts.close();
            ProcessRun left = ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("ip", "netns", "list"));
            assertThat(left.stdout()).as("namespaces left behind").doesNotContain("lab-h");
        }
        durations.forEach((what, took) -> System.out.printf("duration  %-40s %5d s%n", what, took.toSeconds()));
        counts.forEach((what, n) -> System.out.printf("count     %-40s %,d%n", what, n));
    }

    private static String[] previousKafka(String... more) {
        List<String> args = new ArrayList<>(List.of("-e", "kafka_version=" + PREVIOUS_KAFKA));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The operator ran it all without sudo: its files on the control node are its own, the hosts' keys pinned. */
    @Test
    @Order(1)
    void theFirstRunInstallsEverythingAsTheOperatorWithoutSudo() throws IOException {
        assertThat(first.exitCode()).as("ansible-playbook exit code; output:\n%s", tail(first.output())).isZero();
        assertThat(first.failedOrUnreachable()).isZero();
        assertThat(first.changedPerHost()).as("changed tasks per host on a fresh install")
                .containsOnlyKeys("localhost", "h1", "h2", "h3", "h4").allSatisfy((host, changed) -> assertThat(changed).isPositive());
        for (Path p : List.of(deployment.secrets(), deployment.secrets().resolve("ca.key"), deployment.deploymentDir().resolve("tools"))) {
            assertThat(Files.getOwner(p).getName()).as("owner of %s", p).isEqualTo(LocalDeployment.OPERATOR);
        }
        assertThat(Files.readAllLines(deployment.operatorHome().resolve(".ssh/known_hosts"))).as("pinned host keys")
                .hasSize(LocalDeployment.HOSTS);
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothing() {
        LocalDeployment.PlaybookRun second = deployment.playbook(previousKafka());
        durations.put("2 second playbook run", second.took());
        assertThat(second.exitCode()).as("output:\n%s", tail(second.output())).isZero();
        assertThat(second.changedPerHost()).as("changed tasks per host on the second run")
                .isEqualTo(Map.of("localhost", 0, "h1", 0, "h2", 0, "h3", 0, "h4", 0));
    }

    /**
     * What only a cloud deployment did before: the log volume formatted and mounted by UUID with nofail (and the
     * data really on it, not on the root disk), services under a non-root account, Kafka from its checked tarball
     * in a versioned folder that the service names and {@code current} points at.
     */
    @Test
    @Order(3)
    void theCloudOnlyCodeRanOnTheHosts() throws IOException {
        for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
            Path root = WORK.resolve("hosts/h" + i);
            ProcessHandle broker = process(i, "kafka.Kafka");
            assertThat(broker.info().user()).as("broker user on h%d", i).hasValue("kafka");
            String release = "kafka_2.13-" + PREVIOUS_KAFKA;
            assertThat(broker.info().commandLine().orElseThrow()).contains(root + "/opt/kafka/" + release + "/libs/*");
            assertThat(Files.readSymbolicLink(root.resolve("opt/kafka/current"))).isEqualTo(Path.of(release));

            String device = hosts.dataDevice(i);
            String uuid = ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("blkid", "-s", "UUID", "-o", "value", device))
                    .stdout().strip();
            assertThat(uuid).as("file system UUID on %s", device).hasSize(36);
            assertThat(Files.readString(root.resolve("etc/fstab")))
                    .contains("UUID=" + uuid + " " + root.resolve("var/lib/kafka") + " xfs noatime,nofail 0 0");
            // The broker's own view of its mounts (the mount lives in the host's mount namespace).
            String mount = inBrokersMounts(broker, "findmnt", "-n", "-o", "SOURCE,FSTYPE", "--mountpoint",
                    root.resolve("var/lib/kafka").toString());
            assertThat(mount.split("\\s+")).containsExactly(device, "xfs");
            assertThat(inBrokersMounts(broker, "ls", root.resolve("var/lib/kafka/data").toString())).contains("meta.properties");
            assertThat(root.resolve("var/lib/kafka/data")).as("nothing on the root disk under the mount point").doesNotExist();
        }
        assertThat(process(CONNECT_HOST, "ConnectDistributed").info().user()).hasValue("kafka");
        assertThat(process(PIPELINE_HOST, PipelineCommand.class.getName()).info().user()).hasValue("kafka");
        assertThat(process(DASHBOARD_HOST, "DashboardCommand").info().user()).hasValue("kafka");
        assertThat(process(DATABASE_HOST, "postgres -D").info().user()).hasValue("postgres");
    }

    /** Supervised, and really working: Streams RUNNING, the dashboard sees 3 brokers, Connect runs the kit's connectors. */
    @Test
    @Order(4)
    void everyServiceRunsAndThePrivateOnesAnswerThroughSshTunnels() {
        Map<Integer, List<String>> expected = Map.of(1, List.of("kafka", "kafka-connect"), 2, List.of("kafka", "streams-app"),
                3, List.of("kafka", "dashboard", "streaming-lab-prometheus"), 4, List.of("lab-postgres"));
        expected.forEach((host, services) -> {
            String status = supervisorStatus(host);
            for (String s : services) {
                assertThat(status).as("supervisorctl status on h%d", host).containsPattern(s + "\\s+RUNNING");
            }
        });
        Path pipelineLog = deployment.serviceLog(PIPELINE_HOST, "streams-app");
        String running = "pipeline '" + TelemetryPipeline.APPLICATION_ID + "' instance 1 RUNNING on "
                + Listener.INTERNAL.bootstrap();
        Await.until(START, () -> "the pipeline service logs \"" + running + "\"; its log:\n" + tail(read(pipelineLog)),
                () -> read(pipelineLog).contains(running));
        try (SshTunnel dashboard = SshTunnel.open(deployment, DASHBOARD_HOST, LocalDeployment.DASHBOARD_PORT)) {
            Await.until(START, () -> "the dashboard reports 3 brokers; /api/metrics: " + httpText(dashboard, "api/metrics"),
                    () -> {
                        JsonNode metrics = httpJson(dashboard, "api/metrics");
                        return metrics != null && metrics.path("reachable").asBoolean() && metrics.path("brokersUp").asInt() == 3;
                    });
        }
        try (SshTunnel connect = SshTunnel.open(deployment, CONNECT_HOST, LocalDeployment.CONNECT_REST_PORT)) {
            for (String connector : List.of(ConnectorFiles.REGISTRY_SOURCE, ConnectorFiles.AGGREGATES_SINK, ConnectorFiles.ALERTS_SINK)) {
                JsonNode status = httpJson(connect, "connectors/" + connector + "/status");
                assertThat(status).as("status of %s", connector).isNotNull();
                assertThat(status.path("connector").path("state").asText()).isEqualTo("RUNNING");
                assertThat(status.path("tasks").findValuesAsText("state")).isNotEmpty().allMatch("RUNNING"::equals);
            }
        }
        // Prometheus, beside the dashboard, scrapes every JVM's exporter and the dashboard over the private network.
        Map<String, Set<String>> targets = new TreeMap<>(Map.of(
                "connect", Set.of(NamespaceHosts.address(CONNECT_HOST) + ":" + LocalDeployment.EXPORTER_PORTS.get("connect")),
                "streams", Set.of(NamespaceHosts.address(PIPELINE_HOST) + ":" + LocalDeployment.EXPORTER_PORTS.get("streams")),
                "dashboard", Set.of(NamespaceHosts.address(DASHBOARD_HOST) + ":" + LocalDeployment.DASHBOARD_PORT)));
        Set<String> brokers = new HashSet<>();
        for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
            brokers.add(NamespaceHosts.address(i) + ":" + LocalDeployment.EXPORTER_PORTS.get("kafka"));
        }
        targets.put("kafka", brokers);
        try (SshTunnel prometheus = SshTunnel.open(deployment, DASHBOARD_HOST, LocalDeployment.PROMETHEUS_PORT)) {
            Await.until(START, () -> "Prometheus scraping " + targets + " (every one up); /api/v1/targets: "
                    + httpText(prometheus, "api/v1/targets"), () -> targetsUp(httpJson(prometheus, "api/v1/targets")).equals(targets));
        }
    }

    /**
     * Every refusal, on both client listeners: no credentials, a wrong password, a principal outside its ACLs. The
     * admin is let in on both, as a control.
     */
    @Test
    @Order(5)
    void bothListenersRefuseAnonymousClientsWrongPasswordsAndAnythingOutsideTheAcls() {
        for (Listener listener : Listener.values()) {
            assertThatThrownBy(() -> deployment.connectionWithoutCredentials(listener).requireReachable())
                    .as("no credentials on %s", listener).isInstanceOf(LabException.class);
            assertThatThrownBy(() -> deployment.connection("generator", "not-" + deployment.password("generator"), listener)
                    .requireReachable()).as("a wrong password on %s", listener).isInstanceOf(LabException.class)
                    .hasMessageContaining("Authentication failed");
            assertThat(deployment.connectionAs("admin", listener).requireReachable()).as("the admin on %s", listener).hasSize(3);

            var dashboardProducer = deployment.connectionAs("dashboard", listener).producerProperties();
            // Without idempotence the refusal comes from the topic's ACL, not from the cluster-wide producer id.
            dashboardProducer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            dashboardProducer.put(ProducerConfig.ACKS_CONFIG, "1");
            try (var producer = new KafkaProducer<>(dashboardProducer, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_ENRICHED, "k", "v")).get())
                        .as("the dashboard is read-only (%s)", listener).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            assertThatThrownBy(() -> firstPoll(deployment.connectionAs("dashboard", listener), TopicNames.TELEMETRY_RAW))
                    .as("the dashboard may not read the raw readings (%s)", listener).isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> firstPoll(deployment.connectionAs("generator", listener), TopicNames.TELEMETRY_RAW))
                    .as("the generator writes readings but may not read them (%s)", listener)
                    .isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> firstPoll(deployment.connectionAs("pipeline", listener), "connect-offsets"))
                    .as("the pipeline may not read Connect's topics (%s)", listener).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /**
     * The controller listener takes only certificates of the kit's CA: a client that trusts the CA but shows none is
     * cut off (a node's certificate is the control: that connection stays open). And what listens on private
     * addresses (Kafka's internal and controller listeners, the dashboard, Connect's REST API, PostgreSQL,
     * Prometheus, the JMX exporters) does not answer on public ones.
     */
    @Test
    @Order(6)
    void theControllerListenerRefusesAClientWithoutCertificateAndPrivateServicesAreNotPublic() throws Exception {
        for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
            int node = i;
            assertThatThrownBy(() -> talkTls(NamespaceHosts.address(node), LocalDeployment.CONTROLLER_PORT, tls(null)))
                    .as("controller listener of h%d without a certificate", node).isInstanceOfAny(SSLException.class, IOException.class);
            assertThat(talkTls(NamespaceHosts.address(node), LocalDeployment.CONTROLLER_PORT, tls("h" + node)))
                    .as("controller listener of h%d with the node's own certificate: open, waiting for a request", node).isTrue();
            assertThat(refused(NamespaceHosts.publicAddress(node), LocalDeployment.INTERNAL_PORT)).isTrue();
            assertThat(refused(NamespaceHosts.publicAddress(node), LocalDeployment.CONTROLLER_PORT)).isTrue();
        }
        assertThat(refused(NamespaceHosts.publicAddress(DASHBOARD_HOST), LocalDeployment.DASHBOARD_PORT)).isTrue();
        assertThat(refused(NamespaceHosts.publicAddress(CONNECT_HOST), LocalDeployment.CONNECT_REST_PORT)).isTrue();
        assertThat(refused(NamespaceHosts.publicAddress(DATABASE_HOST), LocalDeployment.POSTGRES_PORT)).isTrue();
        assertThat(refused(NamespaceHosts.publicAddress(DASHBOARD_HOST), LocalDeployment.PROMETHEUS_PORT)).isTrue();
        for (int node = 1; node <= LocalDeployment.KAFKA_NODES; node++) {
            assertThat(refused(NamespaceHosts.publicAddress(node), LocalDeployment.EXPORTER_PORTS.get("kafka"))).isTrue();
        }
        assertThat(refused(NamespaceHosts.publicAddress(CONNECT_HOST), LocalDeployment.EXPORTER_PORTS.get("connect"))).isTrue();
        assertThat(refused(NamespaceHosts.publicAddress(PIPELINE_HOST), LocalDeployment.EXPORTER_PORTS.get("streams"))).isTrue();
    }

    /** PostgreSQL: the reader reads and may write nothing; the sink's role is refused anywhere but on Connect's host. */
    @Test
    @Order(7)
    void postgresAdmitsEachRoleOnlyWhereAndForWhatItIsMeant() throws SQLException {
        try (SshTunnel db = SshTunnel.open(deployment, DATABASE_HOST, LocalDeployment.POSTGRES_PORT)) {
            try (Connection reader = postgres(db, "lab_reader"); Statement s = reader.createStatement()) {
                assertThat(count(s, "select count(*) from device_stats_1m")).isZero();
                assertThatThrownBy(() -> s.executeUpdate("delete from alerts")).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.executeUpdate("create table t (x int)")).hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> postgres(db, "connect_sink").close()).as("the sink's role through a tunnel, not from Connect's host")
                    .hasMessageContaining("no pg_hba.conf entry");
        }
    }

    /**
     * The kit's generator, run from its command line as principal {@code generator} through the external listener
     * with the client properties the playbook wrote on the control node (the README's command), sends 20,000
     * seeded readings with acks=all; one broker's process is killed (SIGKILL) half way. No send fails, the pipeline
     * service keeps running (the same process), the partitions the broker led get other leaders, every in-sync
     * replica set is whole again once supervisord has restarted it, and downstream every reading is accounted for.
     */
    @Test
    @Order(8)
    void killingOneBrokerLosesNothingAndItsReplicasCatchUp() throws Exception {
        KafkaConnection admin = deployment.connectionAs("admin", Listener.EXTERNAL);
        ProcessHandle pipeline = process(PIPELINE_HOST, PipelineCommand.class.getName());
        ProcessHandle broker = process(PIPELINE_HOST, "kafka.Kafka");
        try (Admin client = admin.admin()) {
            Set<TopicPartition> led = partitionsLedBy(client, PIPELINE_HOST);
            assertThat(led).as("partitions h%d leads before it dies", PIPELINE_HOST).isNotEmpty();
            long count = 20_000;
            long before = records(client, TopicNames.TELEMETRY_RAW);
            Process generator = generator(count, 1000, 7, "generator-kill.out");
            Await.until(PROCESSING, () -> "half the readings stored", () -> records(client, TopicNames.TELEMETRY_RAW) >= before + count / 2);
            assertThat(generator.isAlive()).as("the generator is still sending when the broker dies").isTrue();
            broker.destroyForcibly();
            broker.onExit().get(30, TimeUnit.SECONDS);
            Await.until(START, () -> "new leaders for the partitions h" + PIPELINE_HOST + " led",
                    () -> led.stream().noneMatch(tp -> leaderOf(client, tp) == PIPELINE_HOST));
            finish(generator, "generator-kill.out", count);
            assertThat(records(client, TopicNames.TELEMETRY_RAW) - before).as("readings stored, acks=all").isEqualTo(count);
            Await.until(START, () -> "every in-sync replica set whole again", () -> underReplicated(client).isEmpty());
        }
        assertPipelineCounts(admin);
        assertThat(pipeline.isAlive()).as("the pipeline process that ran before the broker died").isTrue();
    }

    /**
     * A configuration change rolled out by the playbook while the generator writes with acks=all: one node at a
     * time, the quorum's leader last, each only once the cluster is healthy. No send fails; sent, acknowledged and
     * read back agree; the pipeline's counts stay exact.
     */
    @Test
    @Order(9)
    void aConfigurationChangeRollsOutWithoutAFailedSend() throws Exception {
        LocalDeployment.PlaybookRun roll = rollWhileGenerating("3 rolling configuration change", 11,
                previousKafka(CHANGED_CONFIG.toArray(String[]::new)));
        assertThat(roll.changedPerHost()).containsOnlyKeys("localhost", "h1", "h2", "h3", "h4");
        for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
            assertThat(Files.readString(WORK.resolve("hosts/h" + i + "/etc/kafka/server.properties"))).contains("num.io.threads=6\n");
        }
    }

    /**
     * The rolling upgrade from the previous minor: Kafka's new tarball in its own folder, each node restarted on it
     * in turn (never a node with both versions' jars), metadata.version finalised once every node runs the new one.
     */
    @Test
    @Order(10)
    void anUpgradeFromThePreviousMinorRollsOutWithoutAFailedSend() throws Exception {
        rollWhileGenerating("4 rolling upgrade", 13, CHANGED_CONFIG.toArray(String[]::new));
        String release = "kafka_2.13-" + LocalDeployment.KAFKA_VERSION;
        for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
            assertThat(process(i, "kafka.Kafka").info().commandLine().orElseThrow()).contains("/opt/kafka/" + release + "/libs/*")
                    .doesNotContain(PREVIOUS_KAFKA);
            assertThat(Files.readSymbolicLink(WORK.resolve("hosts/h" + i + "/opt/kafka/current"))).isEqualTo(Path.of(release));
        }
        ProcessRun features = deployment.asOperator(LocalDeployment.ANSIBLE, List.of("sh", "-c",
                "java -cp '" + deployment.deploymentDir() + "/tools/" + release + "/libs/*' org.apache.kafka.tools.FeatureCommand "
                        + "--bootstrap-server " + Listener.EXTERNAL.bootstrap() + " --command-config "
                        + deployment.deploymentDir() + "/admin.properties describe"));
        String minor = LocalDeployment.KAFKA_VERSION.substring(0, LocalDeployment.KAFKA_VERSION.lastIndexOf('.'));
        assertThat(features.stdout()).as("metadata.version finalised at %s", minor)
                .containsPattern("metadata\\.version.*FinalizedVersionLevel: " + Pattern.quote(minor) + "-IV");
    }

    /**
     * The JDBC sinks, deployed with the kit's connector files, put exactly the pipeline's final aggregates and its
     * alerts into PostgreSQL: one row per window (or alert) key, holding the topic's last value for it.
     */
    @Test
    @Order(11)
    void postgresHoldsThePipelinesResults() throws SQLException {
        KafkaConnection admin = deployment.connectionAs("admin", Listener.EXTERNAL);
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        try (SshTunnel db = SshTunnel.open(deployment, DATABASE_HOST, LocalDeployment.POSTGRES_PORT);
                Connection reader = postgres(db, "lab_reader"); Statement s = reader.createStatement()) {
            Await.until(PROCESSING, () -> "rows " + rows + ", expected " + expected, () -> {
                expected.put("device_stats_1m", distinctKeys(admin, TopicNames.AGGREGATES_DEVICE_1M_FINAL, "key", "windowStart"));
                expected.put("site_stats_1m", distinctKeys(admin, TopicNames.AGGREGATES_SITE_1M, "key", "windowStart"));
                expected.put("alerts", distinctKeys(admin, TopicNames.ALERTS, "deviceId", "type", "eventTime"));
                for (String table : expected.keySet()) {
                    rows.put(table, count(s, "select count(*) from " + table));
                }
                return rows.equals(expected);
            });
            counts.put("postgres site_stats_1m sum(count)", count(s, "select coalesce(sum(count), 0) from site_stats_1m"));
        }
        assertThat(rows.get("device_stats_1m")).as("closed per-device windows in PostgreSQL").isPositive();
        rows.forEach((table, n) -> counts.put("postgres rows " + table, n));
    }

    /**
     * What the disk sizing needs (docs/cloud-sizing.md): the bytes one reading occupies on one replica, over every
     * pipeline topic it reaches (from the first node's log folders), written with the run's durations and counts to
     * target/infra-proof/proof.json; copied to docs/results/infra/ after a full run.
     */
    @Test
    @Order(12)
    void recordsTheFiguresOfThisRun() throws Exception {
        long readings = generated.stream().mapToLong(Long::longValue).sum();
        long bytes;
        try (Admin client = deployment.connectionAs("admin", Listener.EXTERNAL).admin()) {
            Set<String> topics = Set.copyOf(TopicSet.STANDARD.data());
            bytes = client.describeLogDirs(List.of(1)).allDescriptions().get().get(1).values().stream()
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(e -> topics.contains(e.getKey().topic()))
                    .mapToLong(e -> e.getValue().size()).sum();
        }
        var proof = Json.MAPPER.createObjectNode();
        proof.put("commit", ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("git", "-C", ProcessRun.HOME.toString(),
                "rev-parse", "--short=12", "HEAD")).stdout().strip());
        proof.put("finished", Instant.now().toString());
        proof.put("readings", readings);
        proof.put("pipeline_topic_bytes_on_node_1", bytes);
        proof.put("stored_bytes_per_reading", Math.round((double) bytes / readings));
        var d = proof.putObject("durations_s");
        durations.forEach((what, took) -> d.put(what, took.toSeconds()));
        var c = proof.putObject("counts");
        counts.forEach(c::put);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(WORK.resolve("proof.json").toFile(), proof);
        assertThat(bytes).isPositive();
    }

    /**
     * Runs the generator (long enough to outlast the roll) and, once it is sending, the playbook with {@code args};
     * returns the playbook's run after checking it restarted every node one at a time while the generator wrote,
     * that no send failed and that every reading is accounted for.
     */
    private static LocalDeployment.PlaybookRun rollWhileGenerating(String name, long seed, String... args) throws Exception {
        KafkaConnection admin = deployment.connectionAs("admin", Listener.EXTERNAL);
        long count = 60_000;
        String out = "generator-" + seed + ".out";
        LocalDeployment.PlaybookRun roll;
        try (Admin client = admin.admin()) {
            long before = records(client, TopicNames.TELEMETRY_RAW);
            Map<Integer, Long> brokerPids = new HashMap<>();
            for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
                brokerPids.put(i, process(i, "kafka.Kafka").pid());
            }
            int leader = client.describeMetadataQuorum().quorumInfo().get().leaderId();
            Process generator = generator(count, 150, seed, out);
            Await.until(START, () -> "the generator sending", () -> records(client, TopicNames.TELEMETRY_RAW) >= before + 300);
            roll = deployment.playbook(args);
            durations.put(name, roll.took());
            assertThat(roll.exitCode()).as("the rolling run; output:\n%s", tail(roll.output())).isZero();
            assertThat(generator.isAlive()).as("the generator still writing when the roll ends (else the roll proves "
                    + "nothing: raise its count)").isTrue();
            List<String> restarted = restartOrder(roll.output());
            assertThat(restarted).as("nodes restarted, one at a time").containsExactlyInAnyOrder("h1", "h2", "h3");
            assertThat(restarted.get(2)).as("the quorum's leader restarted last").isEqualTo(NamespaceHosts.name(leader));
            for (int i = 1; i <= LocalDeployment.KAFKA_NODES; i++) {
                assertThat(process(i, "kafka.Kafka").pid()).as("h%d's broker is a new process", i).isNotEqualTo(brokerPids.get(i));
            }
            long sent = finish(generator, out, count);
            long stored = records(client, TopicNames.TELEMETRY_RAW) - before;
            counts.put(name + ": sent", count);
            counts.put(name + ": acknowledged", sent);
            counts.put(name + ": read back from telemetry.raw", stored);
            assertThat(stored).as("readings stored").isEqualTo(count);
        }
        assertPipelineCounts(admin);
        return roll;
    }

    /** The hosts in the order the rolling play restarted them (its task lines name each host). */
    private static List<String> restartOrder(String output) {
        List<String> order = new ArrayList<>();
        Matcher m = Pattern.compile("TASK \\[service : kafka: restart under supervisord\\][^\\n]*\\n(?:changed|ok): \\[(h\\d)\\]")
                .matcher(output);
        while (m.find()) {
            order.add(m.group(1));
        }
        return order;
    }

    /** The generator's command line in its own JVM, through the external listener as the README runs it. */
    private static Process generator(long count, int rate, long seed, String out) {
        List<String> args = new ArrayList<>(List.of(GenerateCommand.class.getName(),
                "--bootstrap", Listener.EXTERNAL.bootstrap(),
                "--client-config", deployment.deploymentDir().resolve("generator.properties").toString(),
                "--count", "" + count, "--rate", "" + rate, "--seed", "" + seed, "--out-of-order", "0.05", "--late", "0.01",
                "--malformed", "0.01", "--acks", "all", "--no-progress"));
        generated.add(count);
        return JavaProcess.start(List.of("-Xmx256m"), Cli.class.getName(), args, WORK.resolve(out));
    }

    /** Waits for the generator; fails unless it exited 0 having sent every reading; returns the acknowledged count. */
    private static long finish(Process generator, String out, long count) throws InterruptedException {
        try {
            assertThat(generator.waitFor(PROCESSING.toSeconds() * 2, TimeUnit.SECONDS)).as("generator finished").isTrue();
        } finally {
            generator.destroyForcibly();
        }
        String log = read(WORK.resolve(out));
        System.out.print(log);
        assertThat(generator.exitValue()).as("generator exit code (0: no send failed); output:\n%s", log).isZero();
        Matcher m = Pattern.compile("([\\d,]+) sent, ([\\d,]+) failed").matcher(log);
        assertThat(m.find()).as("the generator's summary line:\n%s", log).isTrue();
        assertThat(m.group(2)).as("failed sends").isEqualTo("0");
        long sent = Long.parseLong(m.group(1).replace(",", ""));
        assertThat(sent).as("acknowledged sends").isEqualTo(count);
        return sent;
    }

    /**
     * Every reading of every generator run accounted for downstream of the deployed pipeline (read as the admin,
     * read_committed): 1 % malformed, split evenly over bad JSON, missing field and out of range (refused by
     * validation) and unknown device (refused by enrichment); 1 % late, routed by the per-device windows; the rest
     * counted once in them. The dashboard shows the same dead letters.
     */
    private static void assertPipelineCounts(KafkaConnection admin) {
        long readings = generated.stream().mapToLong(Long::longValue).sum();
        long perReason = generated.stream().mapToLong(n -> n / 400).sum();
        long late = generated.stream().mapToLong(n -> n / 100).sum();
        long validated = readings - 3 * perReason;
        long enriched = validated - perReason;
        long windowed = enriched - late;
        Map<String, Long> windows = new HashMap<>();
        Await.until(PROCESSING, () -> "per-device windows count " + sum(windows) + " of " + windowed + " readings", () -> {
            windows.clear();
            windows.putAll(countsPerDeviceWindow(admin));
            return sum(windows) >= windowed;
        });
        assertThat(sum(windows)).as("readings counted in per-device windows").isEqualTo(windowed);
        assertThat(readAll(admin, TopicNames.TELEMETRY_VALID)).as("validated readings").hasSize((int) validated);
        assertThat(readAll(admin, TopicNames.TELEMETRY_ENRICHED)).as("enriched readings").hasSize((int) enriched);
        Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(Map.of(DeadLetterReason.BAD_JSON, perReason,
                DeadLetterReason.MISSING_FIELD, perReason, DeadLetterReason.OUT_OF_RANGE, perReason,
                DeadLetterReason.UNKNOWN_DEVICE, perReason));
        assertThat(readAll(admin, TopicNames.DEAD_LETTER).stream().collect(Collectors.groupingBy(
                r -> DeadLetterReason.valueOf(HeaderText.get(r.headers(), DeadLetterHeaders.REASON)),
                () -> new EnumMap<>(DeadLetterReason.class), Collectors.counting())))
                .as("dead letters by reason").isEqualTo(deadLetters);
        assertThat(readAll(admin, TopicNames.LATE).stream()
                .filter(r -> LateHeaders.DEVICE_1M.equals(HeaderText.get(r.headers(), LateHeaders.AGGREGATE))).count())
                .as("late readings routed by the per-device windows").isEqualTo(late);
        counts.put("pipeline: readings generated (all runs)", readings);
        counts.put("pipeline: validated", validated);
        counts.put("pipeline: enriched", enriched);
        counts.put("pipeline: counted in per-device windows", windowed);

        Map<String, Long> expectedOnPage = new TreeMap<>();
        deadLetters.forEach((reason, n) -> expectedOnPage.put(reason.name(), n));
        Map<String, Long> onPage = new TreeMap<>();
        try (SshTunnel dashboard = SshTunnel.open(deployment, DASHBOARD_HOST, LocalDeployment.DASHBOARD_PORT)) {
            Await.until(PROCESSING, () -> "the dashboard shows " + onPage + ", expected " + expectedOnPage, () -> {
                onPage.clear();
                JsonNode reasons = httpJson(dashboard, "api/dead-letters");
                if (reasons != null) {
                    reasons.fields().forEachRemaining(e -> onPage.put(e.getKey(), e.getValue().asLong()));
                }
                return onPage.equals(expectedOnPage);
            });
        }
    }

    /** The latest count of every per-device window (the topic carries every update of a window). */
    private static Map<String, Long> countsPerDeviceWindow(KafkaConnection kafka) {
        Map<String, Long> counts = new HashMap<>();
        TopicReader.of(kafka, new StringDeserializer(), WindowStats.SERDE.deserializer())
                .toEnd(TopicNames.AGGREGATES_DEVICE_1M, Duration.ofSeconds(30)).forEach(r ->
                counts.put(r.value().key() + "@" + r.value().windowStart(), r.value().count()));
        return counts;
    }

    /** Distinct values of {@code fields} (a row's primary key) over a topic's JSON records. */
    private static long distinctKeys(KafkaConnection kafka, String topic, String... fields) {
        Set<List<String>> keys = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : readAll(kafka, topic)) {
            try {
                JsonNode value = Json.MAPPER.readTree(r.value());
                List<String> key = new ArrayList<>();
                for (String f : fields) {
                    key.add(value.path(f).asText());
                }
                keys.add(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys.size();
    }

    private static Set<TopicPartition> partitionsLedBy(Admin admin, int node) throws Exception {
        Set<TopicPartition> led = new HashSet<>();
        for (TopicDescription d : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() != null && p.leader().id() == node) {
                    led.add(new TopicPartition(d.name(), p.partition()));
                }
            }
        }
        return led;
    }

    private static int leaderOf(Admin admin, TopicPartition tp) {
        try {
            TopicPartitionInfo p = admin.describeTopics(List.of(tp.topic())).allTopicNames().get().get(tp.topic())
                    .partitions().get(tp.partition());
            return p.leader() == null ? -1 : p.leader().id();
        } catch (Exception e) {
            throw new AssertionError("cannot describe " + tp, e);
        }
    }

    private static List<TopicPartition> underReplicated(Admin admin) {
        try {
            List<TopicPartition> urp = new ArrayList<>();
            for (TopicDescription d : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
                d.partitions().stream().filter(p -> p.isr().size() < p.replicas().size())
                        .forEach(p -> urp.add(new TopicPartition(d.name(), p.partition())));
            }
            return urp;
        } catch (Exception e) {
            throw new AssertionError("cannot describe the topics", e);
        }
    }

    /** Records stored in a topic: the sum of its partitions' end offsets (nothing has been deleted yet). */
    private static long records(Admin admin, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> query.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(query).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read the end offsets of " + topic, e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaConnection kafka, String topic) {
        return TopicReader.of(kafka, new StringDeserializer(), new ByteArrayDeserializer()).toEnd(topic, Duration.ofSeconds(30));
    }

    /** Polls one partition of {@code topic} once, as {@code kafka}'s principal; a refusal is thrown. */
    private static void firstPoll(KafkaConnection kafka, String topic) {
        try (var consumer = new KafkaConsumer<>(kafka.consumerProperties(null), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.poll(Duration.ofSeconds(10));
        }
    }

    /**
     * A TLS connection to {@code host:port} that sends a byte and waits for an answer: true if the server keeps the
     * connection open (the read times out), an exception if it refuses the handshake or cuts the connection.
     */
    private static boolean talkTls(String host, int port, SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(3000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(0);
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                if (in.read() < 0) {
                    throw new IOException("connection closed by " + host + ":" + port);
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                return true;
            }
            return true;
        }
    }

    /** Trusts the kit's CA; presents node {@code node}'s key and certificate, or none. */
    private static SSLContext tls(String node) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(deployment.secrets().resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(node == null ? null : NodeKeys.keyManagers(deployment.secrets(), node), tmf.getTrustManagers(), null);
        return context;
    }

    private static boolean refused(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            throw new UncheckedIOException("neither open nor refused: " + host + ":" + port, other);
        }
    }

    private static Connection postgres(SshTunnel tunnel, String role) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + tunnel.port() + "/lab", role,
                deployment.postgresPassword(role));
    }

    private static long count(Statement s, String sql) {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private static ProcessHandle process(int host, String marker) {
        return hosts.process(host, marker).orElseThrow(() -> new AssertionError("no process with " + marker + " on h" + host));
    }

    /** A command run in the broker's mount namespace, where the host's data volume is mounted. */
    private static String inBrokersMounts(ProcessHandle broker, String... command) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--target", "" + broker.pid(), "--mount"));
        cmd.addAll(List.of(command));
        ProcessRun r = ProcessRun.run(Duration.ofSeconds(10), Map.of(), cmd);
        assertThat(r.exitCode()).as(String.join(" ", cmd) + ": " + r.stderr()).isZero();
        return r.stdout().strip();
    }

    private static String supervisorStatus(int host) {
        return hosts.exec(host, Duration.ofSeconds(30), "supervisorctl", "-c",
                WORK.resolve("hosts/h" + host + "/etc/streaming-lab/supervisor/supervisord.conf").toString(), "status")
                .stdout();
    }

    /** Prometheus's targets whose last scrape succeeded, by job (empty while it does not answer). */
    private static Map<String, Set<String>> targetsUp(JsonNode targets) {
        Map<String, Set<String>> up = new TreeMap<>();
        if (targets != null) {
            targets.path("data").path("activeTargets").forEach(t -> {
                if (t.path("health").asText().equals("up")) {
                    up.computeIfAbsent(t.path("labels").path("job").asText(), k -> new HashSet<>())
                            .add(t.path("labels").path("instance").asText());
                }
            });
        }
        return up;
    }

    /** A JSON page through a tunnel, or null while it does not answer. */
    private static JsonNode httpJson(SshTunnel tunnel, String path) {
        String text = httpText(tunnel, path);
        try {
            return text == null ? null : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String httpText(SshTunnel tunnel, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tunnel.port() + "/" + path))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException notAnsweringYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 6000));
    }
}
