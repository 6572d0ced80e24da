package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code terraform validate} would catch without the Terraform binary (not installable here): every file
 * parses with HashiCorp's parser, every variable is declared, typed and documented, every module call gives
 * every input, both providers expose the same inventory outputs, and no ingress opens to the whole internet.
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
                    .filter(d -> !d.toString().contains("node_modules") && hasTf(d))
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
        assertThat(outputs.get(0)).containsExactlyInAnyOrder("ansible_inventory", "bootstrap_servers", "connect_url",
                "dashboard_url");
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
    }

    @Test
    void ingressIsOpenOnlyToTheAdminCidrTheNetworkItselfOrTheClusterItself() {
        for (String provider : PROVIDERS) {
            List<String> sources = new ArrayList<>();
            byName(provider).files().values().forEach(f -> f.path("resource").forEach(type -> type.forEach(r -> {
                JsonNode res = r.isArray() ? r.get(0) : r;
                res.path("ingress").forEach(rule -> {
                    rule.path("cidr_blocks").forEach(c -> sources.add(c.asText()));
                    if (rule.path("self").asBoolean()) {
                        sources.add("self");
                    }
                });
                res.path("dynamic").path("inbound_rule").forEach(d -> d.path("content")
                        .forEach(c -> sources.add(c.path("ip_range").asText())));
            })));
            assertThat(sources).as("ingress sources of %s", provider).isNotEmpty()
                    .allMatch(s -> s.equals("${var.admin_cidr}") || s.equals("${var.vpc_cidr}") || s.equals("self"));
        }
    }

    @Test
    void everyProviderHasAReadmeWithTheCommandsAndAnHourlyCost() throws IOException {
        for (String provider : PROVIDERS) {
            String readme = Files.readString(TerraformCode.TERRAFORM.resolve(provider).resolve("README.md"));
            assertThat(readme).contains("terraform init", "terraform apply", "terraform output -raw ansible_inventory",
                    "ansible-playbook", "terraform destroy", "per hour");
        }
    }

    private static TerraformCode byName(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
