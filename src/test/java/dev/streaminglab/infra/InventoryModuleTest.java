package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local proof deploys with the inventory Terraform renders: infra/terraform/modules/inventory, run by
 * Terraform with the namespace hosts' inputs, gives Ansible exactly what {@link LocalDeployment#inventory} gives
 * it (compared as {@code ansible-inventory --list} sees both). And the control node's implicit localhost does
 * not inherit the hosts' sudo: its play runs as the operator.
 */
class InventoryModuleTest {
    @TempDir
    static Path tmp;
    private static Path rendered;
    private static Path written;
    private static JsonNode tunnels;

    @BeforeAll
    static void render() throws IOException {
        assumeTrue(TerraformCli.available(), "needs the terraform binary");
        ObjectNode inputs = LocalDeployment.moduleInputs(i -> "/dev/loop" + (i - 1));
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("main.tf"), String.join("\n",
                "variable \"inputs\" {",
                "  type = any",
                "}",
                "module \"inventory\" {",
                "  source              = \"" + LocalDeployment.TERRAFORM_MODULE + "\"",
                "  ssh_user            = var.inputs.ssh_user",
                "  kafka_external_port = var.inputs.kafka_external_port",
                "  dashboard_port      = var.inputs.dashboard_port",
                "  connect_rest_port   = var.inputs.connect_rest_port",
                "  prometheus_port     = var.inputs.prometheus_port",
                "  postgres_port       = var.inputs.postgres_port",
                "  kafka_nodes         = var.inputs.kafka_nodes",
                "  app_hosts           = var.inputs.app_hosts",
                "}",
                "output \"inventory_yaml\" {",
                "  value = module.inventory.inventory_yaml",
                "}",
                "output \"ssh_tunnels\" {",
                "  value = module.inventory.ssh_tunnels",
                "}", ""));
        ObjectNode vars = Json.MAPPER.createObjectNode();
        vars.set("inputs", inputs);
        Files.writeString(root.resolve("inputs.tfvars.json"), Json.MAPPER.writeValueAsString(vars));
        TerraformCli.ok(root, "init", "-input=false");
        TerraformCli.ok(root, "apply", "-auto-approve", "-input=false", "-var-file=inputs.tfvars.json");
        rendered = Files.writeString(tmp.resolve("terraform.yml"),
                TerraformCli.ok(root, "output", "-raw", "inventory_yaml").stdout());
        tunnels = Json.MAPPER.readTree(TerraformCli.ok(root, "output", "-json", "ssh_tunnels").stdout());
        written = tmp.resolve("local.json");
        Json.MAPPER.writeValue(written.toFile(), LocalDeployment.inventory(inputs));
    }

    @Test
    void ansibleSeesTheSameInventoryFromTheModuleAndFromTheLocalProof() throws IOException {
        JsonNode fromModule = inventoryList(rendered);
        assertThat(inventoryList(written)).isEqualTo(fromModule);
        assertThat(fromModule.path("lab").path("children")).hasSize(6);
        assertThat(fromModule.path("_meta").path("hostvars").path("h2").path("kafka_rack").asText()).isEqualTo("zone-2");
        assertThat(fromModule.path("_meta").path("hostvars").path("h4").path("ansible_become").asBoolean()).isTrue();
    }

    /**
     * Each tunnel forwards a loopback port to the private address of the host that runs the service, through
     * that host's public address (Prometheus sits beside the dashboard), as the local proof's tunnels do.
     */
    @Test
    void theTunnelsReachEachPrivateServiceOnItsOwnHost() {
        int dashboard = LocalDeployment.APP_HOSTS.get("dashboard");
        int connect = LocalDeployment.APP_HOSTS.get("connect");
        assertThat(tunnels.path("dashboard").asText()).isEqualTo(tunnel(LocalDeployment.DASHBOARD_PORT, dashboard));
        assertThat(tunnels.path("prometheus").asText()).isEqualTo(tunnel(LocalDeployment.PROMETHEUS_PORT, dashboard));
        assertThat(tunnels.path("connect").asText()).isEqualTo(tunnel(LocalDeployment.CONNECT_REST_PORT, connect));
        assertThat(tunnels.path("database").asText())
                .isEqualTo(tunnel(LocalDeployment.POSTGRES_PORT, LocalDeployment.APP_HOSTS.get("database")));
        assertThat(tunnels).hasSize(4);
    }

    private static String tunnel(int port, int host) {
        return "ssh -N -L 127.0.0.1:" + port + ":" + NamespaceHosts.address(host) + ":" + port + " "
                + NamespaceHosts.LOGIN_USER + "@" + NamespaceHosts.publicAddress(host);
    }

    /** The bug of the first edition: "all" carried ansible_become, and the implicit localhost took it. */
    @Test
    void theControlNodeDoesNotInheritTheHostsSudo() {
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("ansible", "-i", rendered.toString(),
                "localhost", "-m", "ansible.builtin.debug", "-a", "var=ansible_become"));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("\"ansible_become\": \"VARIABLE IS NOT DEFINED!\"");
    }

    /** What Ansible makes of an inventory; groups' children sorted (YAML's keys come sorted, JSON's as written). */
    private static JsonNode inventoryList(Path inventory) throws IOException {
        ProcessRun r = LocalDeployment.runIn(LocalDeployment.ANSIBLE, List.of("ansible-inventory", "-i",
                inventory.toString(), "--list"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode list = Json.MAPPER.readTree(r.stdout());
        list.forEach(group -> {
            if (group.path("children") instanceof ArrayNode children) {
                List<JsonNode> sorted = new ArrayList<>();
                children.forEach(sorted::add);
                sorted.sort(Comparator.comparing(JsonNode::asText));
                children.removeAll().addAll(sorted);
            }
        });
        return list;
    }
}
