package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.process.TelemetryPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * The reduced, default-suite version of {@link NamespaceDeploymentIT}: the playbooks parse, the ACL filter
 * reads Kafka's real listing format, the playbook's topics match the pipeline's code, and Ansible reaches the
 * namespace hosts over SSH (the part of the local proof that is specific to this machine), all in well under a
 * minute.
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
        String script = String.join("\n",
                "import json, sys",
                "sys.path.insert(0, 'filter_plugins')",
                "from kafka_acls import kafka_acl_entries, kafka_acl_listing",
                "listing = '''ACLs for principal `User:dashboard`",
                "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=telemetry.enriched, patternType=LITERAL)`:",
                "\t(principal=User:dashboard, host=*, operation=DESCRIBE, permissionType=ALLOW)",
                "\t(principal=User:dashboard, host=*, operation=READ, permissionType=ALLOW)",
                "",
                "Current ACLs for resource `ResourcePattern(resourceType=GROUP, name=dashboard, patternType=PREFIXED)`:",
                "\t(principal=User:dashboard, host=*, operation=READ, permissionType=ALLOW)",
                "",
                "Current ACLs for resource `ResourcePattern(resourceType=TRANSACTIONAL_ID, name=telemetry-pipeline-, patternType=PREFIXED)`:",
                "\t(principal=User:pipeline, host=*, operation=WRITE, permissionType=ALLOW)",
                "\t(principal=User:pipeline, host=*, operation=DESCRIBE, permissionType=ALLOW)",
                "'''",
                "desired = kafka_acl_entries([",
                "  {'principal': 'dashboard', 'resource': 'topic', 'name': 'telemetry.enriched', 'pattern': 'literal', 'operations': ['Read', 'Describe']},",
                "  {'principal': 'dashboard', 'resource': 'topic', 'name': 'alerts', 'pattern': 'literal', 'operations': ['Read']},",
                "  {'principal': 'dashboard', 'resource': 'group', 'name': 'dashboard', 'pattern': 'prefixed', 'operations': ['Read']},",
                "  {'principal': 'pipeline', 'resource': 'transactional-id', 'name': 'telemetry-pipeline-', 'pattern': 'prefixed', 'operations': ['Write', 'Describe']}])",
                "present = kafka_acl_listing(listing)",
                "print(json.dumps([d for d in desired if d not in present]))");
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("python3", "-c", script));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("[{\"principal\": \"dashboard\", \"resource\": \"topic\", \"name\": "
                + "\"alerts\", \"pattern\": \"literal\", \"operation\": \"read\"}]");
    }

    /**
     * The playbook makes the pipeline's topics as {@link TopicSet} would (names, partitions, configs), so the
     * services need no right to create them, and grants the Streams app's rights under the id it really uses.
     */
    @Test
    void thePlaybookMakesThePipelinesTopicsAsTheCodeDoes() throws IOException {
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("python3", "-c",
                "import json, yaml; print(json.dumps(yaml.safe_load(open('group_vars/all.yml'))))"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode vars = Json.MAPPER.readTree(r.stdout());

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
        assertThat(vars.path("streams_application_id").asText()).isEqualTo(TelemetryPipeline.APPLICATION_ID);
    }

    @Test
    void ansibleReachesEveryNamespaceHostOverSshAndTearDownLeavesNothing() {
        assumeTrue(NamespaceHosts.possibleHere(), "needs root, iproute2, openssh-server, ansible and supervisor");
        try (NamespaceHosts hosts = NamespaceHosts.up(WORK.resolve("ssh"), 3)) {
            LocalDeployment deployment = new LocalDeployment(hosts, WORK);
            deployment.writeInventory();
            ProcessRun ping = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("ansible", "all", "-i",
                    WORK.resolve("inventory.json").toString(), "-m", "ansible.builtin.command", "-a", "ip -4 -o addr show eth0"));
            assertThat(ping.exitCode()).as("%s%s", ping.stdout(), ping.stderr()).isZero();
            for (int i = 1; i <= 3; i++) {
                assertThat(ping.stdout()).contains("h" + i + " | CHANGED", "inet " + hosts.address(i) + "/24");
            }
            ProcessRun route = hosts.exec(1, Duration.ofSeconds(10), "ip", "route");
            assertThat(route.stdout()).as("a namespace host has no way off this machine").doesNotContain("default");
        }
        ProcessRun left = ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("ip", "netns", "list"));
        assertThat(left.stdout()).doesNotContain("slab-");
    }
}
