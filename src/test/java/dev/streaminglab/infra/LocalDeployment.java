package dev.streaminglab.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The Ansible playbooks of infra/ansible pointed at {@link NamespaceHosts}: writes the inventory the cloud
 * Terraform would output (same groups and host variables) plus the local differences as extra variables,
 * runs ansible-playbook, and gives clients of the deployed TLS + SASL cluster.
 */
final class LocalDeployment {
    static final Path ANSIBLE = ProcessRun.HOME.resolve("infra/ansible");
    static final Duration PLAYBOOK_DEADLINE = Duration.ofMinutes(15);
    private static final int DASHBOARD_PORT = 8080;
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

    private final NamespaceHosts hosts;
    private final Path work;

    LocalDeployment(NamespaceHosts hosts, Path work) {
        this.hosts = hosts;
        this.work = work;
    }

    Path secrets() {
        return work.resolve("secrets");
    }

    /** Writes inventory.json and local-vars.json under the work folder. */
    void writeInventory() {
        try {
            Files.createDirectories(work);
            ObjectNode inv = Json.MAPPER.createObjectNode();
            ObjectNode all = inv.putObject("all");
            ObjectNode vars = all.putObject("vars");
            vars.put("ansible_user", "root");
            vars.put("ansible_ssh_private_key_file", hosts.sshDir().resolve("id_ed25519").toString());
            vars.put("ansible_ssh_common_args", "-o UserKnownHostsFile=" + hosts.sshDir().resolve("known_hosts")
                    + " -o StrictHostKeyChecking=yes");
            ObjectNode children = all.putObject("children");
            ObjectNode brokers = children.putObject("kafka_brokers").putObject("hosts");
            ObjectNode controllers = children.putObject("kafka_controllers").putObject("hosts");
            for (int i = 1; i <= hosts.count(); i++) {
                ObjectNode h = brokers.putObject(hosts.name(i));
                h.put("ansible_host", hosts.address(i));
                h.put("kafka_node_id", i);
                h.put("kafka_private_address", hosts.address(i));
                h.put("kafka_external_address", hosts.address(i));
                // A namespace has one address: the external listener binds it instead of 0.0.0.0.
                h.put("kafka_external_bind_address", hosts.address(i));
                // The hosts share this machine's disk: each writes under its own root.
                h.put("host_root", work.resolve("hosts").resolve(hosts.name(i)).toString());
                controllers.putObject(hosts.name(i));
            }
            children.putObject("connect_workers").putObject("hosts").putObject(hosts.name(1));
            children.putObject("streams_apps").putObject("hosts").putObject(hosts.name(Math.min(2, hosts.count())));
            children.putObject("dashboards").putObject("hosts").putObject(hosts.name(Math.min(3, hosts.count())));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(work.resolve("inventory.json").toFile(), inv);

            ObjectNode local = Json.MAPPER.createObjectNode();
            local.put("ca_dir", secrets().toString());
            local.put("kafka_source", ProcessRun.HOME.resolve("target/runtime-classpath.txt").toString());
            local.put("app_jar", libraryJar().toString());
            local.put("artifact_install", "link");
            local.put("service_user", "root");
            local.put("create_service_user", false);
            local.put("apt_update_cache", false);
            local.put("kafka_default_replication_factor", Math.min(3, hosts.count()));
            local.put("kafka_min_insync_replicas", hosts.count() >= 3 ? 2 : 1);
            local.put("kafka_heap", "-Xmx384m -Xms128m");
            local.put("connect_heap", "-Xmx256m");
            local.put("app_heap", "-Xmx256m");
            local.put("kafka_group_initial_rebalance_delay_ms", 0);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(work.resolve("local-vars.json").toFile(), local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PlaybookRun playbook(String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", work.resolve("inventory.json").toString(),
                "-e", "@" + work.resolve("local-vars.json"), "site.yml"));
        cmd.addAll(List.of(extraArgs));
        ProcessRun r = runIn(ANSIBLE, cmd);
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

    static ProcessRun runIn(Path dir, List<String> cmd) {
        // ansible.cfg is read from the current folder: run from infra/ansible as a user would.
        List<String> shell = List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString());
        List<String> all = new ArrayList<>(shell);
        all.addAll(cmd);
        return ProcessRun.run(PLAYBOOK_DEADLINE, Map.of("ANSIBLE_FORCE_COLOR", "0"), all);
    }

    /** The internal listeners of every node. */
    String bootstrap() {
        List<String> servers = new ArrayList<>();
        for (int i = 1; i <= hosts.count(); i++) {
            servers.add(hosts.address(i) + ":9092");
        }
        return String.join(",", servers);
    }

    /** The deployed dashboard's web server (its host and the port of group_vars/all.yml). */
    URI dashboard() {
        return URI.create("http://" + hosts.address(Math.min(3, hosts.count())) + ":" + DASHBOARD_PORT + "/");
    }

    /** What a service run by the playbook printed (supervisord's log of the program). */
    Path serviceLog(int host, String service) {
        return work.resolve("hosts").resolve(hosts.name(host)).resolve("var/log").resolve(service)
                .resolve(service + ".out");
    }

    /** A connection as {@code user}, through a client properties file as a user would write it. */
    KafkaConnection connectionAs(String user) {
        return KafkaConnection.of(bootstrap()).withClientConfig(clientConfig(user, true));
    }

    /** A connection that trusts the CA but presents no credentials. */
    KafkaConnection connectionWithoutCredentials() {
        return KafkaConnection.of(bootstrap()).withClientConfig(clientConfig(null, false));
    }

    Path clientConfig(String user, boolean sasl) {
        try {
            String props = "ssl.truststore.type=PEM\nssl.truststore.location=" + secrets().resolve("ca.crt") + "\n";
            if (sasl) {
                String password = Files.readString(secrets().resolve("scram-" + user)).strip();
                props += "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";\n";
            } else {
                props += "security.protocol=SSL\n";
            }
            Path file = work.resolve("client-" + (sasl ? user : "anonymous") + ".properties");
            Files.writeString(file, props);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kit's library as a jar (the build's classes), as the lab_app role installs it. */
    private Path libraryJar() throws IOException {
        Path jar = work.resolve("streaming-lab.jar");
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        int rc = tool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C",
                ProcessRun.HOME.resolve("target/classes").toString(), ".");
        if (rc != 0) {
            throw new AssertionError("jar --create failed with " + rc);
        }
        return jar;
    }
}
