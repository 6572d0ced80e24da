package dev.streaminglab.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ansible playbooks of infra/ansible pointed at {@link NamespaceHosts} the way a user points them at cloud
 * VMs: an inventory of exactly the shape Terraform's inventory module renders (InventoryModuleTest renders the
 * module with the same inputs and compares), tarballs with .sha512 files in the deployment's dist folder, and
 * ansible-playbook run by an ordinary account without sudo ({@code infra/local/operator.sh}) that learns the
 * hosts' keys on first contact. What differs from the cloud is in one file of extra variables (see
 * {@link #LOCAL_DIFFERENCES}). Also gives clients of the deployed TLS + SASL cluster on both listeners.
 */
final class LocalDeployment {
    static final Path ANSIBLE = ProcessRun.HOME.resolve("infra/ansible");
    static final Path TERRAFORM_MODULE = ProcessRun.HOME.resolve("infra/terraform/modules/inventory");
    static final Duration PLAYBOOK_DEADLINE = Duration.ofMinutes(20);
    static final String OPERATOR = "slab-operator";
    static final String KAFKA_VERSION = "4.3.1";
    static final int KAFKA_NODES = 3;
    /** Connect on h1, the pipeline on h2, the dashboard on h3, PostgreSQL on h4. */
    static final int HOSTS = 4;
    static final Map<String, Integer> APP_HOSTS = Map.of("connect", 1, "streams", 2, "dashboard", 3, "database", 4);
    static final int INTERNAL_PORT = 9092;
    static final int EXTERNAL_PORT = 9093;
    static final int CONTROLLER_PORT = 9094;
    static final int DASHBOARD_PORT = 8080;
    static final int CONNECT_REST_PORT = 8083;
    static final int POSTGRES_PORT = 5432;
    static final int PROMETHEUS_PORT = 9090;
    /** The JMX exporter's port per kind of JVM (the role monitoring's monitoring_ports). */
    static final Map<String, Integer> EXPORTER_PORTS = Map.of("kafka", 7071, "connect", 7072, "streams", 7073);
    /**
     * Everything the local proof does differently from a cloud deployment: the hosts share this machine's disk
     * (each writes under its own root), its packages are installed already, and heaps are small.
     */
    static final String LOCAL_DIFFERENCES = "local-vars.json";
    private static final String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern RECAP = Pattern.compile("^(\\S+)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)",
            Pattern.MULTILINE);

    /** What one playbook run reported. */
    record PlaybookRun(int exitCode, String output, Map<String, Integer> changedPerHost, Duration took) {
        int failedOrUnreachable() {
            Matcher m = RECAP.matcher(output);
            int bad = 0;
            while (m.find()) {
                bad += Integer.parseInt(m.group(4)) + Integer.parseInt(m.group(5));
            }
            return bad;
        }
    }

    /** Kafka's two client listeners: the lab's own hosts use the internal one, the admin network the external. */
    enum Listener {
        INTERNAL(INTERNAL_PORT), EXTERNAL(EXTERNAL_PORT);

        final int port;

        Listener(int port) {
            this.port = port;
        }

        String bootstrap() {
            List<String> servers = new ArrayList<>();
            for (int i = 1; i <= KAFKA_NODES; i++) {
                servers.add((this == INTERNAL ? NamespaceHosts.address(i) : NamespaceHosts.publicAddress(i)) + ":" + port);
            }
            return String.join(",", servers);
        }
    }

    private final NamespaceHosts hosts;
    private final Path work;

    LocalDeployment(NamespaceHosts hosts, Path work) {
        this.hosts = hosts;
        this.work = work;
    }

    /** Where the deployment keeps its files on the control node: beside its inventory, as inventory/aws/ does. */
    Path deploymentDir() {
        return work.resolve("inventory/lab");
    }

    Path inventoryFile() {
        return work.resolve("inventory/lab.json");
    }

    Path secrets() {
        return deploymentDir().resolve("secrets");
    }

    Path operatorHome() {
        return work.resolve("operator");
    }

    /**
     * The inputs of infra/terraform/modules/inventory for the namespace hosts: their public and private
     * addresses, a zone per Kafka node, the data disks' paths, the hosts' login user.
     */
    static ObjectNode moduleInputs(IntFunction<String> dataDevice) {
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("ssh_user", NamespaceHosts.LOGIN_USER);
        in.put("kafka_external_port", EXTERNAL_PORT);
        in.put("dashboard_port", DASHBOARD_PORT);
        in.put("connect_rest_port", CONNECT_REST_PORT);
        in.put("prometheus_port", PROMETHEUS_PORT);
        in.put("postgres_port", POSTGRES_PORT);
        ArrayNode nodes = in.putArray("kafka_nodes");
        for (int i = 1; i <= KAFKA_NODES; i++) {
            ObjectNode n = nodes.addObject();
            n.put("name", NamespaceHosts.name(i));
            n.put("public_ip", NamespaceHosts.publicAddress(i));
            n.put("private_ip", NamespaceHosts.address(i));
            n.put("zone", "zone-" + i);
            n.put("data_device", dataDevice.apply(i));
        }
        ObjectNode apps = in.putObject("app_hosts");
        new TreeMap<>(APP_HOSTS).forEach((role, i) -> {
            ObjectNode h = apps.putObject(role);
            h.put("name", NamespaceHosts.name(i));
            h.put("public_ip", NamespaceHosts.publicAddress(i));
            h.put("private_ip", NamespaceHosts.address(i));
        });
        return in;
    }

    /** What the inventory module renders from {@code inputs} (InventoryModuleTest holds the two together). */
    static ObjectNode inventory(JsonNode inputs) {
        ObjectNode inv = Json.MAPPER.createObjectNode();
        ObjectNode lab = inv.putObject("all").putObject("children").putObject("lab");
        ObjectNode vars = lab.putObject("vars");
        vars.put("ansible_user", inputs.path("ssh_user").asText());
        vars.put("ansible_become", true);
        ObjectNode groups = lab.putObject("children");
        ObjectNode controllers = groups.putObject("kafka_controllers").putObject("hosts");
        ObjectNode brokers = groups.putObject("kafka_brokers").putObject("hosts");
        int id = 1;
        for (JsonNode n : inputs.path("kafka_nodes")) {
            controllers.putObject(n.path("name").asText());
            ObjectNode h = brokers.putObject(n.path("name").asText());
            h.put("ansible_host", n.path("public_ip").asText());
            h.put("private_address", n.path("private_ip").asText());
            h.put("kafka_node_id", id++);
            h.put("kafka_external_address", n.path("public_ip").asText());
            h.put("kafka_data_device", n.path("data_device").asText());
            h.put("kafka_rack", n.path("zone").asText());
        }
        Map<String, String> groupOfRole = Map.of("connect", "connect_workers", "streams", "streams_apps",
                "dashboard", "dashboards", "database", "databases");
        inputs.path("app_hosts").fields().forEachRemaining(e -> {
            ObjectNode h = groups.putObject(groupOfRole.get(e.getKey())).putObject("hosts")
                    .putObject(e.getValue().path("name").asText());
            h.put("ansible_host", e.getValue().path("public_ip").asText());
            h.put("private_address", e.getValue().path("private_ip").asText());
        });
        return inv;
    }

    /**
     * Everything before the first playbook run, in the order a cloud user follows (README): the operator's
     * account and key, the tarballs and their checksums in the deployment's dist folder, the inventory. The local
     * steps stand in for the cloud's: kafka-dist.sh for the download from archive.apache.org, the namespace
     * hosts for terraform apply.
     */
    void prepare() {
        prepareOperatorAndInventory(hosts::dataDevice);
        kafkaTarball(KAFKA_VERSION);
        run(Duration.ofMinutes(5), List.of("bash", ProcessRun.HOME.resolve("infra/package.sh").toString(),
                deploymentDir().resolve("dist").toString()));
        run(Duration.ofMinutes(1), List.of("chown", "-R", OPERATOR + ":" + OPERATOR, work.resolve("inventory").toString()));
    }

    /** The operator's account and key, the inventory and the local differences. */
    void prepareOperatorAndInventory(IntFunction<String> dataDevice) {
        try {
            Files.createDirectories(deploymentDir().resolve("dist"));
            // Each host's root file system, as a VM has one: its top folders are root's and open to every account.
            List<String> open = new ArrayList<>(List.of("chmod", "755", work.toString(), work.resolve("hosts").toString()));
            for (int i = 1; i <= hosts.count(); i++) {
                Path root = work.resolve("hosts").resolve(NamespaceHosts.name(i));
                for (String dir : List.of("etc", "opt", "var/lib", "var/log")) {
                    Files.createDirectories(root.resolve(dir));
                }
                for (String dir : List.of("", "etc", "opt", "var", "var/lib", "var/log")) {
                    open.add(root.resolve(dir).toString());
                }
            }
            run(Duration.ofMinutes(1), open);
            run(Duration.ofMinutes(1), List.of("bash", ProcessRun.HOME.resolve("infra/local/operator.sh").toString(),
                    operatorHome().toString(), hosts.sshDir().resolve("id_ed25519").toString()));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(inventoryFile().toFile(),
                    inventory(moduleInputs(dataDevice)));
            ObjectNode local = Json.MAPPER.createObjectNode();
            local.put("host_root", work.resolve("hosts") + "/{{ inventory_hostname }}");
            local.put("apt_update_cache", false);
            local.put("kafka_heap", "-Xmx384m -Xms128m");
            local.put("connect_heap", "-Xmx384m");
            local.put("app_heap", "-Xmx256m");
            local.put("kafka_group_initial_rebalance_delay_ms", 0);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(work.resolve(LOCAL_DIFFERENCES).toFile(), local);
            run(Duration.ofMinutes(1), List.of("chown", "-R", OPERATOR + ":" + OPERATOR, work.resolve("inventory").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka {@code version}'s tarball and .sha512 in the dist folder, built from Maven Central's jars. */
    void kafkaTarball(String version) {
        run(Duration.ofMinutes(10), List.of("bash", ProcessRun.HOME.resolve("infra/local/kafka-dist.sh").toString(),
                version, deploymentDir().resolve("dist").toString()));
        run(Duration.ofMinutes(1), List.of("chown", "-R", OPERATOR + ":" + OPERATOR, deploymentDir().toString()));
    }

    /** ansible-playbook site.yml as the operator, with the local differences and {@code extraArgs}. */
    PlaybookRun playbook(String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", inventoryFile().toString(),
                "-e", "@" + work.resolve(LOCAL_DIFFERENCES), "site.yml"));
        cmd.addAll(List.of(extraArgs));
        ProcessRun r = asOperator(ANSIBLE, cmd);
        Map<String, Integer> changed = new TreeMap<>();
        Matcher m = RECAP.matcher(r.stdout());
        while (m.find()) {
            changed.put(m.group(1), Integer.parseInt(m.group(3)));
        }
        try {
            Files.writeString(work.resolve("ansible-" + System.nanoTime() + ".log"), r.stdout() + r.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlaybookRun(r.exitCode(), r.stdout() + r.stderr(), changed, r.took());
    }

    /** A command run by the operator from {@code dir} (ansible.cfg is read from there), as on a laptop. */
    ProcessRun asOperator(Path dir, List<String> cmd) {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", OPERATOR, "--", "env", "HOME=" + operatorHome(),
                "PATH=" + SAFE_PATH, "ANSIBLE_FORCE_COLOR=0", "sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString()));
        all.addAll(cmd);
        return ProcessRun.run(PLAYBOOK_DEADLINE, Map.of(), all);
    }

    static ProcessRun runIn(Path dir, List<String> cmd) {
        List<String> shell = List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString());
        List<String> all = new ArrayList<>(shell);
        all.addAll(cmd);
        return ProcessRun.run(PLAYBOOK_DEADLINE, Map.of("ANSIBLE_FORCE_COLOR", "0"), all);
    }

    private static void run(Duration deadline, List<String> cmd) {
        ProcessRun r = ProcessRun.run(deadline, Map.of(), cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + r.exitCode() + "):\n" + r.stdout() + r.stderr());
        }
    }

    /** What a service run by the playbook printed (supervisord's log of the program). */
    Path serviceLog(int host, String service) {
        return work.resolve("hosts").resolve(NamespaceHosts.name(host)).resolve("var/log").resolve(service)
                .resolve(service + ".out");
    }

    /** A connection as {@code user} through {@code listener}, with its password from the deployment's secrets. */
    KafkaConnection connectionAs(String user, Listener listener) {
        return connection(user, password(user), listener);
    }

    KafkaConnection connection(String user, String password, Listener listener) {
        String props = "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";\n";
        return KafkaConnection.of(listener.bootstrap()).withClientConfig(clientConfig(user + "-" + listener, props));
    }

    /** A connection that trusts the CA but presents no credentials (TLS only). */
    KafkaConnection connectionWithoutCredentials(Listener listener) {
        return KafkaConnection.of(listener.bootstrap()).withClientConfig(clientConfig("anonymous-" + listener,
                "security.protocol=SSL\n"));
    }

    String password(String user) {
        try {
            return Files.readString(secrets().resolve("scram-" + user)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String postgresPassword(String role) {
        try {
            return Files.readString(secrets().resolve("postgres-" + role)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path clientConfig(String name, String props) {
        try {
            Path file = work.resolve("client-" + name + ".properties");
            Files.writeString(file, "ssl.truststore.type=PEM\nssl.truststore.location=" + secrets().resolve("ca.crt")
                    + "\n" + props);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
