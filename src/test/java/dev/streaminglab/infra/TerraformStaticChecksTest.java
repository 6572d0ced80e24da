package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code terraform validate} would catch without the Terraform binary (Debian does not package it): every
 * file parses with HashiCorp's parser, every variable is declared, typed and documented, every module call gives
 * every input, both providers expose the same outputs and take admin_cidr only through the one check of
 * modules/admin_cidr. (Which port is open to whom: {@link ListenerRulesTest}.) Where the binary is present, also
 * {@code terraform fmt -check} and {@code terraform test}: admin_cidr's validation (no provider needed), and,
 * where a local copy of the provider is too, each provider's code against a mocked provider (three zones, stable
 * addresses, volumes by id, the inventory, ingress).
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
                .containsExactlyInAnyOrder("aws", "scaleway", "modules/inventory", "modules/admin_cidr");
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
        assertThat(calls).as("module calls (admin_cidr and inventory per provider)").isEqualTo(2 * PROVIDERS.size());
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

    /**
     * One check of admin_cidr for both providers: each passes it to modules/admin_cidr, whose validation refuses
     * wide networks, and uses nothing but that module's output (var.admin_cidr appears in the call alone).
     */
    @Test
    void bothProvidersTakeAdminCidrOnlyThroughTheSharedCheck() {
        JsonNode validation = byName("modules/admin_cidr").blocks("variable").get("cidr").path("validation");
        assertThat(validation.toString()).contains("cidrnetmask", "cidrhost", ">= 16");
        for (String provider : PROVIDERS) {
            TerraformCode m = byName(provider);
            JsonNode call = m.blocks("module").get("admin_cidr");
            assertThat(call.path("source").asText()).isEqualTo("../modules/admin_cidr");
            assertThat(call.path("cidr").asText()).isEqualTo("${var.admin_cidr}");
            List<String> uses = new ArrayList<>();
            m.files().values().forEach(f -> TerraformCode.strings(f, x -> {
                if (x.matches("(?s).*\\bvar\\.admin_cidr\\b.*")) {
                    uses.add(x);
                }
            }));
            assertThat(uses).as("uses of var.admin_cidr in %s", provider).containsExactly("${var.admin_cidr}");
            assertThat(m.blocks("variable").get("admin_cidr").has("validation"))
                    .as("%s validates admin_cidr in the shared module, not twice", provider).isFalse();
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
        Path scalewayLock = TerraformCode.TERRAFORM.resolve("scaleway/.terraform.lock.hcl");
        if (Files.exists(scalewayLock)) {
            assertThat(Files.readString(scalewayLock)).contains("provider \"registry.terraform.io/scaleway/scaleway\"", "h1:");
        }
        assertThat(Files.readString(ProcessRun.HOME.resolve(".gitignore"))).contains(".terraform/", "*.tfstate");
    }

    @Test
    void theCodeIsFormattedAsTerraformFmtWants() {
        assumeTrue(TerraformCli.available(), "needs the terraform binary");
        ProcessRun r = TerraformCli.run(TerraformCode.TERRAFORM, "fmt", "-check", "-recursive", "-diff");
        assertThat(r.exitCode()).as("terraform fmt -check:\n%s%s", r.stdout(), r.stderr()).isZero();
    }

    /** infra/terraform/modules/admin_cidr/tests: the validation, with no provider at all. */
    @Test
    void theAdminCidrCheckPassesItsTerraformTests() {
        assumeTrue(TerraformCli.available(), "needs the terraform binary");
        ProcessRun test = TerraformCli.ok(TerraformCode.TERRAFORM.resolve("modules/admin_cidr"), "test");
        assertThat(test.stdout()).contains("9 passed, 0 failed");
    }

    /** infra/terraform/aws/tests/plan.tftest.hcl against a mocked provider, installed from the lock file's version. */
    @Test
    void theAwsCodePassesItsTerraformTests() {
        assumeTrue(TerraformCli.available() && TerraformCli.mirrorHas("hashicorp/aws"),
                "needs the terraform binary and the AWS provider in " + TerraformCli.PLUGIN_MIRROR);
        Path aws = TerraformCode.TERRAFORM.resolve("aws");
        TerraformCli.ok(aws, "init", "-input=false", "-backend=false", "-lockfile=readonly");
        ProcessRun test = TerraformCli.ok(aws, "test");
        assertThat(test.stdout()).contains("1 passed, 0 failed");
    }

    /**
     * infra/terraform/scaleway/tests/plan.tftest.hcl against a mocked provider. It runs in a copy of the code:
     * without a committed lock file, init writes one, and the checkout stays as committed.
     */
    @Test
    void theScalewayCodePassesItsTerraformTests(@TempDir Path tmp) {
        assumeTrue(TerraformCli.available() && TerraformCli.mirrorHas("scaleway/scaleway"),
                "needs the terraform binary and the Scaleway provider in " + TerraformCli.PLUGIN_MIRROR);
        Path scaleway = TerraformCli.copyOfCode(tmp).resolve("scaleway");
        TerraformCli.ok(scaleway, "init", "-input=false", "-backend=false");
        ProcessRun test = TerraformCli.ok(scaleway, "test");
        assertThat(test.stdout()).contains("2 passed, 0 failed");
    }

    private static TerraformCode byName(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
