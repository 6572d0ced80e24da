package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.process.RegistryCheck;
import dev.streaminglab.process.TelemetryPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced, default-suite version of {@link NamespaceDeploymentIT}: the playbooks parse, the filters read
 * Kafka's and Apache's real formats, a tarball with the wrong checksum is never installed and an upgrade never
 * mixes two versions' jars, the systemd unit of a Kafka node passes systemd's own check and waits for its data
 * volume, the playbook's topics match the pipeline's code, and the operator's Ansible reaches the namespace hosts
 * over SSH with sudo and refuses a host whose key changed, all in about a minute.
 */
class AnsiblePlaybooksTest {
    private static final Path WORK = ProcessRun.HOME.resolve("target/infra-smoke").toAbsolutePath();

    @Test
    void thePlaybookPassesAnsiblesSyntaxCheck() {
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE,
                List.of("ansible-playbook", "--syntax-check", "-i", "localhost,", "site.yml"));
        assertThat(r.exitCode()).as("syntax check:\n%s%s", r.stdout(), r.stderr()).isZero();
    }

    /**
     * The listing is AclCommand's output from a deployed cluster; desired minus listed is what gets added (a
     * transactional id is listed as TRANSACTIONAL_ID but given as --transactional-id).
     */
    @Test
    void theAclFilterAddsOnlyWhatTheClusterLacks() {
        String listing = String.join("\n",
                "ACLs for principal `User:dashboard`",
                "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=telemetry.enriched, patternType=LITERAL)`:",
                "\t(principal=User:dashboard, host=*, operation=DESCRIBE, permissionType=ALLOW)",
                "\t(principal=User:dashboard, host=*, operation=READ, permissionType=ALLOW)",
                "",
                "Current ACLs for resource `ResourcePattern(resourceType=GROUP, name=dashboard, patternType=PREFIXED)`:",
                "\t(principal=User:dashboard, host=*, operation=READ, permissionType=ALLOW)",
                "",
                "Current ACLs for resource `ResourcePattern(resourceType=TRANSACTIONAL_ID, name=telemetry-pipeline-, patternType=PREFIXED)`:",
                "\t(principal=User:pipeline, host=*, operation=WRITE, permissionType=ALLOW)",
                "\t(principal=User:pipeline, host=*, operation=DESCRIBE, permissionType=ALLOW)");
        String out = python("kafka_acls", String.join("\n",
                "desired = kafka_acl_entries([",
                "  {'principal': 'dashboard', 'resource': 'topic', 'name': 'telemetry.enriched', 'pattern': 'literal', 'operations': ['Read', 'Describe']},",
                "  {'principal': 'dashboard', 'resource': 'topic', 'name': 'alerts', 'pattern': 'literal', 'operations': ['Read']},",
                "  {'principal': 'dashboard', 'resource': 'group', 'name': 'dashboard', 'pattern': 'prefixed', 'operations': ['Read']},",
                "  {'principal': 'pipeline', 'resource': 'transactional-id', 'name': 'telemetry-pipeline-', 'pattern': 'prefixed', 'operations': ['Write', 'Describe']}])",
                "present = kafka_acl_listing('''" + listing + "''')",
                "print(json.dumps([d for d in desired if d not in present]))"));
        assertThat(out).isEqualTo("[{\"principal\": \"dashboard\", \"resource\": \"topic\", \"name\": "
                + "\"alerts\", \"pattern\": \"literal\", \"operation\": \"read\"}]");
    }

    /** Apache publishes GnuPG's format (upper case, grouped, over lines), sha512sum writes its own; both read alike. */
    @Test
    void theChecksumFilterReadsApachesAndSha512sumsFormatsAndRefusesAnythingElse() {
        String hex = "0123456789abcdef".repeat(8);
        String gnupg = "kafka_2.13-4.3.1.tgz: " + hex.toUpperCase().replaceAll("(.{8})", "$1 ").replaceAll("(.{36})", "$1\\\\n");
        String out = python("checksums", String.join("\n",
                "print(sha512_from_checksum_file('" + gnupg + "'))",
                "print(sha512_from_checksum_file('" + hex + "  kafka_2.13-4.3.1.tgz\\n'))",
                "try:",
                "    sha512_from_checksum_file('" + hex.substring(2) + "  short.tgz')",
                "except Exception as e:",
                "    print('refused:', e)"));
        assertThat(out.lines().toList()).containsExactly(hex, hex,
                "refused: not a SHA-512 checksum file (GnuPG or sha512sum format): '" + hex.substring(2) + "  short.tgz'");
    }

    /**
     * The artifact role run on this machine: a tarball whose SHA-512 is not the expected one is refused before
     * anything is copied; the right one lands in its versioned folder with {@code current} pointing at it; another
     * tarball under the same name replaces the folder's contents instead of mixing with them.
     */
    @Test
    void aTarballIsInstalledOnlyWithItsChecksumAndNeverMixesWithAnother(@TempDir Path tmp) throws IOException {
        Path first = tarball(tmp, "v1", "old.jar");
        Path root = tmp.resolve("opt/kafka");
        Path playbook = Files.writeString(tmp.resolve("install.yml"), String.join("\n",
                "- hosts: localhost",
                "  connection: local",
                "  gather_facts: false",
                "  roles:",
                "    - role: artifact",
                "      vars:",
                "        artifact_tarball: \"{{ tarball }}\"",
                "        artifact_sha512: \"{{ sha512 }}\"",
                "        artifact_root: " + root,
                "        artifact_name: kafka_2.13-4.3.1", ""));

        ProcessRun wrong = install(playbook, first, "0".repeat(128));
        assertThat(wrong.exitCode()).as(wrong.stdout()).isNotZero();
        assertThat(wrong.stdout()).contains("does not have the SHA-512 " + "0".repeat(128));
        assertThat(root).doesNotExist();

        ProcessRun right = install(playbook, first, sha512(first));
        assertThat(right.exitCode()).as(right.stdout()).isZero();
        assertThat(root.resolve("current/libs/old.jar")).exists();
        assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("kafka_2.13-4.3.1"));

        Path second = tarball(tmp, "v2", "new.jar");
        assertThat(install(playbook, second, sha512(second)).exitCode()).isZero();
        try (var libs = Files.list(root.resolve("kafka_2.13-4.3.1/libs"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).containsExactly("new.jar");
        }
    }

    /**
     * A Kafka node's unit, rendered from the kafka role's own service arguments, passes {@code systemd-analyze
     * verify}, runs as the service account, and never starts while its data volume is not mounted.
     */
    @Test
    void theKafkaUnitPassesSystemdsCheckAndRequiresItsDataVolume(@TempDir Path tmp) throws IOException {
        assumeTrue(ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("sh", "-c", "command -v systemd-analyze"))
                .exitCode() == 0, "needs systemd-analyze");
        Path serviceVars = tmp.resolve("service-vars.json");
        python("", String.join("\n",
                "import yaml",
                "tasks = yaml.safe_load(open('roles/kafka/tasks/main.yml'))",
                "service = next(t for t in tasks if t.get('ansible.builtin.include_role', {}).get('name') == 'service')",
                "json.dump(service['vars'], open('" + serviceVars + "', 'w'))"));
        Path unit = tmp.resolve("kafka.service");
        ProcessRun render = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("ansible", "localhost", "-c", "local",
                "-m", "ansible.builtin.template", "-a", "src=roles/service/templates/unit.service.j2 dest=" + unit,
                "-e", "@group_vars/all.yml", "-e", "@roles/service/defaults/main.yml", "-e", "@" + serviceVars,
                "-e", "svc_user=kafka"));
        assertThat(render.exitCode()).as(render.stdout() + render.stderr()).isZero();
        assertThat(Files.readString(unit)).contains("RequiresMountsFor=/var/lib/kafka\n", "User=kafka\n",
                "TimeoutStopSec=120\n", "-cp /opt/kafka/kafka_2.13-4.3.1/libs/* kafka.Kafka /etc/kafka/server.properties");
        ProcessRun verify = ProcessRun.run(Duration.ofSeconds(30), Map.of(), List.of("systemd-analyze", "verify", unit.toString()));
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    }

    /**
     * Every task that reads a secret (a password, a private key) or renders a template that does has
     * {@code no_log}, itself or on its block: Ansible would otherwise print it on failure or with --diff.
     */
    @Test
    void everyTaskThatHandlesASecretHasNoLog() {
        String out = python("", String.join("\n",
                "import glob, os, re, yaml",
                "SECRET = re.compile(r\"lookup\\('ansible\\.builtin\\.(file|password)'.*(scram-|postgres-|\\.key|/dev/null)|cat [^|]*scram-\", re.S)",
                "def templates(role, task):",
                "    t = task.get('ansible.builtin.template')",
                "    if not t: return ''",
                "    srcs = [i if isinstance(i, str) else '' for i in task.get('loop', [])] if '{{ item }}' in t['src'] else [t['src']]",
                "    text = ''",
                "    for src in srcs:",
                "        path = os.path.normpath(os.path.join('roles', role, 'templates', src.replace('{{ item }}', '') + ('.j2' if '{{ item }}' in t['src'] else '')))",
                "        if os.path.exists(path): text += open(path).read()",
                "    return text",
                "def walk(role, tasks, inherited, found):",
                "    for task in tasks or []:",
                "        quiet = inherited or task.get('no_log', False)",
                "        if 'block' in task:",
                "            walk(role, task['block'], quiet, found); walk(role, task.get('always'), quiet, found); continue",
                "        secret = SECRET.search(json.dumps(task)) or SECRET.search(templates(role, task))",
                "        found.append((role + ': ' + task.get('name', '?'), bool(secret), bool(quiet)))",
                "found = []",
                "for f in sorted(glob.glob('roles/*/tasks/*.yml')):",
                "    walk(f.split('/')[1], yaml.safe_load(open(f)), False, found)",
                "print(json.dumps({'secret': sum(1 for f in found if f[1]), 'leaking': [f[0] for f in found if f[1] and not f[2]]}))"));
        assertThat(out).isEqualTo("{\"secret\": 10, \"leaking\": []}");
    }

    /**
     * The playbook makes the pipeline's topics as {@link TopicSet} would (names, partitions, configs), so the
     * services need no right to create them, and grants the Streams app's rights under the id it really uses.
     */
    @Test
    void thePlaybookMakesThePipelinesTopicsAsTheCodeDoes() throws IOException {
        JsonNode vars = Json.MAPPER.readTree(python("", "import yaml; print(json.dumps(yaml.safe_load(open('group_vars/all.yml'))))"));
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        expected.put(TopicSet.STANDARD.devices(), Map.of("partitions", TopicSet.DEVICE_PARTITIONS,
                "config", Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        TopicSet.STANDARD.data().forEach(t -> expected.put(t, Map.of("partitions", TopicSet.PARTITIONS,
                "config", Map.of(TopicConfig.RETENTION_MS_CONFIG, TopicSet.RETENTION_MS,
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"))));
        Map<String, Map<String, Object>> inPlaybook = new TreeMap<>();
        vars.path("kafka_topics").forEach(t -> inPlaybook.put(t.path("name").asText(), Map.of(
                "partitions", t.path("partitions").asInt(),
                "config", Json.MAPPER.convertValue(t.path("config"), new TypeReference<Map<String, String>>() { }))));
        assertThat(inPlaybook).isEqualTo(expected);
        assertThat(vars.path("kafka_connect_topics").findValuesAsText("name")).containsExactly(TopicNames.CONNECT_DLQ);
        assertThat(vars.path("streams_application_id").asText()).isEqualTo(TelemetryPipeline.APPLICATION_ID);
        // Each Streams application of the app joins a group of its own: the pipeline's ACLs must name every one.
        List<String> groups = new ArrayList<>();
        vars.path("kafka_acls").forEach(a -> {
            if (a.path("principal").asText().equals("pipeline") && a.path("resource").asText().equals("group")) {
                groups.add(a.path("name").asText().replace("{{ streams_application_id }}",
                        TelemetryPipeline.APPLICATION_ID));
            }
        });
        assertThat(groups).containsExactlyInAnyOrder(TelemetryPipeline.APPLICATION_ID,
                RegistryCheck.applicationId(TelemetryPipeline.APPLICATION_ID));
    }

    /**
     * The operator (no sudo) reaches every namespace host over SSH as the hosts' login user and becomes root
     * there; each host's key is pinned on first contact, and a host that then shows another key is refused.
     */
    @Test
    void theOperatorReachesEveryHostWithSudoAndRefusesAHostWhoseKeyChanged() throws IOException {
        assumeTrue(NamespaceHosts.possibleHere(), "needs root, iproute2, openssh-server, sudo, ansible and supervisor");
        ProcessRun.run(Duration.ofMinutes(1), Map.of(), List.of("rm", "-rf", WORK.toString()));
        try (NamespaceHosts hosts = NamespaceHosts.up(WORK.resolve("ssh"), LocalDeployment.HOSTS, 0)) {
            LocalDeployment deployment = new LocalDeployment(hosts, WORK);
            deployment.prepareOperatorAndInventory(i -> "/dev/null");
            List<String> whoami = List.of("ansible", "lab", "-i", deployment.inventoryFile().toString(), "-m",
                    "ansible.builtin.shell", "-a", "echo $(id -un) $(ip -4 -o addr show eth0 | wc -l)");
            ProcessRun first = deployment.asOperator(LocalDeployment.ANSIBLE, whoami);
            assertThat(first.exitCode()).as("%s%s", first.stdout(), first.stderr()).isZero();
            for (int i = 1; i <= LocalDeployment.HOSTS; i++) {
                assertThat(first.stdout()).contains("h" + i + " | CHANGED | rc=0 >>\nroot 2");
            }
            assertThat(Files.readAllLines(deployment.operatorHome().resolve(".ssh/known_hosts")))
                    .as("one pinned key per host").hasSize(LocalDeployment.HOSTS);

            hosts.rekey(1);
            ProcessRun second = deployment.asOperator(LocalDeployment.ANSIBLE, whoami);
            assertThat(second.exitCode()).isNotZero();
            assertThat(second.stdout()).contains("h1 | UNREACHABLE!", "REMOTE HOST IDENTIFICATION HAS CHANGED")
                    .contains("h2 | CHANGED");

            ProcessRun route = hosts.exec(1, Duration.ofSeconds(10), "ip", "route");
            assertThat(route.stdout()).as("a namespace host has no way off this machine").doesNotContain("default");
        }
        ProcessRun left = ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("ip", "netns", "list"));
        assertThat(left.stdout()).doesNotContain("lab-h");
    }

    private static ProcessRun install(Path playbook, Path tarball, String sha512) {
        return LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("ansible-playbook", "-i", "localhost,",
                playbook.toString(), "-e", "tarball=" + tarball, "-e", "sha512=" + sha512));
    }

    /** A tarball laid out as Kafka's (one top folder with libs/) holding one file. */
    private static Path tarball(Path tmp, String name, String jar) throws IOException {
        Path libs = Files.createDirectories(tmp.resolve(name + "/kafka_2.13-4.3.1/libs"));
        Files.writeString(libs.resolve(jar), name);
        Path tgz = tmp.resolve(name + ".tgz");
        ProcessRun tar = ProcessRun.run(Duration.ofSeconds(30), Map.of(), List.of("tar", "-czf", tgz.toString(), "-C",
                tmp.resolve(name).toString(), "kafka_2.13-4.3.1"));
        assertThat(tar.exitCode()).as(tar.stderr()).isZero();
        return tgz;
    }

    private static String sha512(Path file) {
        return ProcessRun.run(Duration.ofSeconds(30), Map.of(), List.of("sha512sum", file.toString())).stdout().split(" ")[0];
    }

    /** Runs Python from infra/ansible with one of its filter plugins imported (all its names) and json. */
    private static String python(String filterModule, String code) {
        String imports = "import json, sys\nsys.path.insert(0, 'filter_plugins')\n"
                + (filterModule.isEmpty() ? "" : "from " + filterModule + " import *\n");
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("/usr/bin/python3", "-c", imports + code));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }
}
