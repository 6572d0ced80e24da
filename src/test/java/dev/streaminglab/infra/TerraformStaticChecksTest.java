package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import dev.streaminglab.ProcessRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code terraform validate} would catch without the Terraform binary (Debian does not package it): every
 * file parses with HashiCorp's parser, every variable is declared, typed and documented, every module call gives
 * every input, both providers expose the same outputs and validate admin_cidr alike, and admin_cidr reaches only
 * SSH and Kafka's external listener. Where the binary and a local copy of the AWS provider are present, also
 * {@code terraform fmt -check} and the AWS code's own {@code terraform test} (a mocked provider: three zones,
 * Elastic IPs, volumes by id, the inventory, admin_cidr's validation) with the committed lock file.
 */
class TerraformStaticChecksTest {
    static final List<String> PROVIDERS = List.of("aws", "scaleway");
    /** Arguments of a module block that are Terraform's own, not inputs of the module. */
    private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "count", "for_each", "providers",
            "depends_on");

    private static List<TerraformCode> modules;

    @BeforeAll
    static void parseEverything() throws IOException {
        try (Stream<Path> walk = Files.walk(TerraformCode.TERRAFORM)) {
            modules = walk.filter(Files::isDirectory)
                    .filter(d -> !d.toString().contains("node_modules") && !d.toString().contains(".terraform") && hasTf(d))
                    .sorted().map(TerraformCode::load).toList();
        }
    }

    private static boolean hasTf(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> p.toString().endsWith(".tf"));
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyProviderAndTheSharedModuleAreParsed() {
        assertThat(modules).extracting(TerraformCode::name)
                .containsExactlyInAnyOrder("aws", "scaleway", "modules/inventory");
    }

    @Test
    void theParserRejectsBrokenSyntax(@TempDir Path tmp) throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.tf"), "variable \"x\" {\n  type = string\n");
        assertThatThrownBy(() -> TerraformCode.parse(List.of(broken)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("broken.tf");
    }

    @Test
    void everyReferencedVariableIsDeclaredAndEveryDeclaredOneIsUsed() {
        for (TerraformCode m : modules) {
            Set<String> declared = m.blocks("variable").keySet();
            assertThat(m.referencedVariables()).as("variables referenced in %s", m.name())
                    .isEqualTo(new TreeSet<>(declared));
        }
    }

    @Test
    void everyVariableHasATypeAndADescription() {
        for (TerraformCode m : modules) {
            m.blocks("variable").forEach((name, v) -> {
                assertThat(v.path("type").asText()).as("type of %s in %s", name, m.name()).startsWith("${");
                assertThat(v.path("description").asText()).as("description of %s in %s", name, m.name())
                        .hasSizeGreaterThan(15).endsWith(".");
            });
        }
    }

    @Test
    void everyModuleCallGivesEveryInputAndNoUnknownOne() {
        int calls = 0;
        for (TerraformCode m : modules) {
            for (Map.Entry<String, JsonNode> call : m.blocks("module").entrySet()) {
                calls++;
                TerraformCode child = TerraformCode.load(m.dir().resolve(call.getValue().path("source").asText()).normalize());
                Map<String, JsonNode> inputs = child.blocks("variable");
                Set<String> given = new TreeSet<>();
                call.getValue().fieldNames().forEachRemaining(given::add);
                given.removeAll(META_ARGUMENTS);
                Set<String> required = new TreeSet<>();
                inputs.forEach((name, v) -> {
                    if (!v.has("default")) {
                        required.add(name);
                    }
                });
                assertThat(given).as("inputs given to module %s in %s", call.getKey(), m.name())
                        .containsAll(required).isSubsetOf(inputs.keySet());
            }
        }
        assertThat(calls).as("module calls (one inventory per provider)").isEqualTo(PROVIDERS.size());
    }

    @Test
    void bothProvidersExposeTheSameDocumentedOutputs() {
        List<Set<String>> outputs = new ArrayList<>();
        for (String provider : PROVIDERS) {
            TerraformCode m = byName(provider);
            m.blocks("output").forEach((name, o) -> assertThat(o.path("description").asText())
                    .as("description of output %s in %s", name, provider).isNotBlank());
            outputs.add(new TreeSet<>(m.blocks("output").keySet()));
            assertThat(m.blocks("output").get("ansible_inventory").path("value").asText())
                    .as("%s renders the inventory with the shared module", provider)
                    .isEqualTo("${module.inventory.inventory_yaml}");
        }
        assertThat(outputs.get(0)).containsExactlyInAnyOrder("ansible_inventory", "bootstrap_servers", "ssh_tunnels",
                "kafka_log_disk_gb");
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
    }

    @Test
    void bothProvidersValidateTheAdminCidrAlike() {
        List<JsonNode> validations = PROVIDERS.stream()
                .map(p -> byName(p).blocks("variable").get("admin_cidr").path("validation")).toList();
        assertThat(validations.get(0).toString()).contains("cidrnetmask", "cidrhost", ">= 16");
        assertThat(validations.get(1)).isEqualTo(validations.get(0));
    }

    /**
     * From outside, only the admin network gets in, and only to SSH and Kafka's external listener: the dashboard and
     * Connect's REST API listen on private addresses (an SSH tunnel reaches them), PostgreSQL admits the Connect
     * worker's security group, Kafka's internal listener the VPC, its controller listener the Kafka nodes.
     */
    @Test
    void ingressIsOpenOnlyToTheAdminCidrForSshAndKafkaOrInsideTheNetwork() {
        Set<String> adminPorts = Set.of("22", "${var.kafka_external_port}");
        for (String provider : PROVIDERS) {
            List<String> sources = new ArrayList<>();
            List<String> portsForAdmin = new ArrayList<>();
            byName(provider).files().values().forEach(f -> f.path("resource").forEach(type -> type.forEach(r -> {
                JsonNode res = r.isArray() ? r.get(0) : r;
                res.path("ingress").forEach(rule -> {
                    rule.path("cidr_blocks").forEach(c -> {
                        sources.add(c.asText());
                        if (c.asText().equals("${var.admin_cidr}")) {
                            portsForAdmin.add(rule.path("from_port").asText());
                        }
                    });
                    rule.path("security_groups").forEach(g -> sources.add(g.asText()));
                    if (rule.path("self").asBoolean()) {
                        sources.add("self");
                    }
                });
                res.path("dynamic").path("inbound_rule").forEach(d -> {
                    d.path("content").forEach(c -> sources.add(c.path("ip_range").asText()));
                    d.path("for_each").forEach(port -> portsForAdmin.add(port.asText()));
                });
            })));
            assertThat(sources).as("ingress sources of %s", provider).isNotEmpty()
                    .allMatch(s -> s.equals("${var.admin_cidr}") || s.equals("${var.vpc_cidr}") || s.equals("self")
                            || s.equals("${aws_security_group.connect.id}"));
            assertThat(new TreeSet<>(portsForAdmin)).as("ports open to admin_cidr on %s", provider).isEqualTo(new TreeSet<>(adminPorts));
        }
    }

    @Test
    void everyProviderHasAReadmeWithTheCommandsAndTheLockFileIsCommittedWhereItCanBeMade() throws IOException {
        for (String provider : PROVIDERS) {
            String readme = Files.readString(TerraformCode.TERRAFORM.resolve(provider).resolve("README.md"));
            assertThat(readme).contains("terraform init", "terraform apply", "terraform output -raw ansible_inventory",
                    "ansible-playbook", "terraform destroy", "docs/cloud-sizing.md", ".terraform.lock.hcl");
        }
        assertThat(Files.readString(TerraformCode.TERRAFORM.resolve("aws/.terraform.lock.hcl")))
                .contains("provider \"registry.terraform.io/hashicorp/aws\"", "h1:");
        assertThat(TerraformCode.TERRAFORM.resolve("scaleway/.terraform.lock.hcl")).as("made only with the registry: "
                + "the Scaleway README says how").doesNotExist();
        assertThat(Files.readString(ProcessRun.HOME.resolve(".gitignore"))).contains(".terraform/", "*.tfstate");
    }

    @Test
    void theCodeIsFormattedAsTerraformFmtWants() {
        assumeTrue(TerraformCli.available(), "needs the terraform binary");
        ProcessRun r = TerraformCli.run(TerraformCode.TERRAFORM, "fmt", "-check", "-recursive", "-diff");
        assertThat(r.exitCode()).as("terraform fmt -check:\n%s%s", r.stdout(), r.stderr()).isZero();
    }

    /** infra/terraform/aws/tests/plan.tftest.hcl against a mocked provider, installed from the lock file's version. */
    @Test
    void theAwsCodePassesItsTerraformTests() {
        assumeTrue(TerraformCli.available() && TerraformCli.mirrorHas("hashicorp/aws"),
                "needs the terraform binary and the AWS provider in " + TerraformCli.PLUGIN_MIRROR);
        Path aws = TerraformCode.TERRAFORM.resolve("aws");
        TerraformCli.ok(aws, "init", "-input=false", "-backend=false", "-lockfile=readonly");
        ProcessRun test = TerraformCli.ok(aws, "test");
        assertThat(test.stdout()).contains("7 passed, 0 failed");
    }

    private static TerraformCode byName(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
