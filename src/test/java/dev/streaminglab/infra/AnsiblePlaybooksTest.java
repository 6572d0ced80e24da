package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streaminglab.ProcessRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reduced, default-suite version of {@link NamespaceDeploymentIT}: the playbooks parse, the ACL filter
 * reads Kafka's real listing format, and Ansible reaches the namespace hosts over SSH (the part of the local
 * proof that is specific to this machine), all in well under a minute.
 */
class AnsiblePlaybooksTest {
    private static final Path WORK = ProcessRun.HOME.resolve("target/infra-smoke").toAbsolutePath();

    @Test
    void thePlaybookPassesAnsiblesSyntaxCheck() {
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE,
                List.of("ansible-playbook", "--syntax-check", "-i", "localhost,", "site.yml"));
        assertThat(r.exitCode()).as("syntax check:\n%s%s", r.stdout(), r.stderr()).isZero();
    }

    /** The listing is AclCommand's output from a deployed cluster; desired minus listed is what gets added. */
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
                "'''",
                "desired = kafka_acl_entries([",
                "  {'principal': 'dashboard', 'resource': 'topic', 'name': 'telemetry.enriched', 'pattern': 'literal', 'operations': ['Read', 'Describe']},",
                "  {'principal': 'dashboard', 'resource': 'topic', 'name': 'alerts', 'pattern': 'literal', 'operations': ['Read']},",
                "  {'principal': 'dashboard', 'resource': 'group', 'name': 'dashboard', 'pattern': 'prefixed', 'operations': ['Read']}])",
                "present = kafka_acl_listing(listing)",
                "print(json.dumps([d for d in desired if d not in present]))");
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("python3", "-c", script));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("[{\"principal\": \"dashboard\", \"resource\": \"topic\", \"name\": "
                + "\"alerts\", \"pattern\": \"literal\", \"operation\": \"read\"}]");
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
