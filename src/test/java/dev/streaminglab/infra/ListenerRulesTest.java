package dev.streaminglab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every port the Ansible roles make a service listen on, against both providers' firewalls. Each listener is
 * reached from one of three places, and that decides the rule it needs: from the admin network (a rule admitting
 * admin_cidr, nothing wider), from the lab's other hosts (on AWS a rule admitting the VPC, a security group or
 * the group itself, never admin_cidr or an address range of its own; on Scaleway the private network, which
 * security groups do not filter, and no public rule), or from its own host only (the tunnelled web UIs: no rule
 * at all). A listener that is not public binds its host's private address. A port variable the roles gain
 * without a line here fails the test, and so does a rule for a port nothing listens on.
 */
class ListenerRulesTest {
    private static final Path ANSIBLE = LocalDeployment.ANSIBLE;
    private static final String PRIVATE = "{{ private_address }}";
    private static final String ADMIN_CIDR = "${module.admin_cidr.cidr}";
    /** The Terraform expression of a port: a variable (or a field of one), or a number. */
    private static final Pattern PORT_VARIABLE = Pattern.compile("^\\$\\{var\\.([a-z_]+(?:\\.[a-z_]+)?)}$");
    private static final Pattern INTERPOLATION = Pattern.compile("\\{\\{ ([a-z_]+) }}");
    private static final String SSH = "ssh";

    enum Reach { ADMIN_NETWORK, LAB_HOSTS, OWN_HOST }

    /**
     * One listener: the Ansible variable holding its port (a map's entry as {@code map.key}), who reaches it,
     * and the text in the roles that binds it (file relative to infra/ansible).
     */
    record Listener(String variable, Reach reach, String file, String bind) {
    }

    private static final String KAFKA_CONFIG = "roles/kafka/templates/server.properties.j2";
    private static final String EXPORTER_BIND = "={{ private_address }}:{{ monitoring_ports[monitoring_kind] }}";

    private static final List<Listener> LISTENERS = List.of(
            new Listener("kafka_external_port", Reach.ADMIN_NETWORK, KAFKA_CONFIG,
                    "EXTERNAL://{{ kafka_external_bind_address }}:{{ kafka_external_port }}"),
            new Listener("kafka_internal_port", Reach.LAB_HOSTS, KAFKA_CONFIG, "INTERNAL://{{ private_address }}:{{ kafka_internal_port }}"),
            new Listener("kafka_controller_port", Reach.LAB_HOSTS, KAFKA_CONFIG, "CONTROLLER://{{ private_address }}:{{ kafka_controller_port }}"),
            new Listener("postgres_port", Reach.LAB_HOSTS, "roles/postgres/templates/postgresql.conf.j2",
                    "listen_addresses = '{{ private_address }}'\nport = {{ postgres_port }}"),
            // One exporter per kind of JVM, all bound by the same task.
            new Listener("monitoring_ports.kafka", Reach.LAB_HOSTS, "roles/monitoring/tasks/exporter.yml", EXPORTER_BIND),
            new Listener("monitoring_ports.connect", Reach.LAB_HOSTS, "roles/monitoring/tasks/exporter.yml", EXPORTER_BIND),
            new Listener("monitoring_ports.streams", Reach.LAB_HOSTS, "roles/monitoring/tasks/exporter.yml", EXPORTER_BIND),
            new Listener("connect_rest_port", Reach.OWN_HOST, "roles/connect/templates/connect-distributed.properties.j2",
                    "listeners=http://{{ private_address }}:{{ connect_rest_port }}"),
            new Listener("dashboard_port", Reach.OWN_HOST, "group_vars/all.yml", "--host, \"{{ private_address }}\", --port, \"{{ dashboard_port }}\""),
            new Listener("prometheus_port", Reach.OWN_HOST, "roles/monitoring/tasks/prometheus.yml",
                    "--web.listen-address={{ prometheus_listen_address }}:{{ prometheus_port }}"));

    /** group_vars/all.yml and every role's defaults, merged (no two files define the same name). */
    private static Map<String, JsonNode> ansibleVars;
    private static Map<String, TerraformCode> providers;

    @BeforeAll
    static void readAnsibleVariablesAndTerraform() throws IOException {
        providers = new TreeMap<>();
        TerraformStaticChecksTest.PROVIDERS.forEach(p -> providers.put(p, TerraformCode.load(TerraformCode.TERRAFORM.resolve(p))));
        List<String> files = new ArrayList<>(List.of("group_vars/all.yml"));
        try (Stream<Path> roles = Files.list(ANSIBLE.resolve("roles"))) {
            roles.map(r -> r.resolve("defaults/main.yml")).filter(Files::exists).sorted()
                    .forEach(f -> files.add(ANSIBLE.relativize(f).toString()));
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c",
                "import json, sys, yaml\nprint(json.dumps({f: yaml.safe_load(open(f)) for f in sys.argv[1:]}))"));
        cmd.addAll(files);
        ProcessRun r = LocalDeployment.runIn(ANSIBLE, cmd);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        ansibleVars = new TreeMap<>();
        Json.MAPPER.readTree(r.stdout()).forEach(file -> file.fields().forEachRemaining(e ->
                assertThat(ansibleVars.put(e.getKey(), e.getValue())).as("%s defined twice", e.getKey()).isNull()));
    }

    /** Every variable named *_port (or a *_ports map's entry) is a listener this test knows. */
    @Test
    void everyPortTheRolesDefineIsAKnownListener() {
        Set<String> ports = new TreeSet<>();
        ansibleVars.forEach((name, value) -> {
            if (name.endsWith("_port")) {
                ports.add(name);
            } else if (name.endsWith("_ports")) {
                value.fieldNames().forEachRemaining(k -> ports.add(name + "." + k));
            }
        });
        assertThat(ports).as("port variables of infra/ansible; classify a new one in LISTENERS")
                .isEqualTo(new TreeSet<>(LISTENERS.stream().map(Listener::variable).toList()));
    }

    /** Only Kafka's external listener binds every address; the rest bind their host's private address. */
    @Test
    void everyListenerBindsWhereItsReachSays() throws IOException {
        for (Listener l : LISTENERS) {
            String source = Files.readString(ANSIBLE.resolve(l.file()));
            assertThat(source).as("%s is bound in %s", l.variable(), l.file()).contains(l.bind());
            String address = resolve(l.bind());
            if (l.reach() == Reach.ADMIN_NETWORK) {
                assertThat(address).as("public listener %s", l.variable()).contains("0.0.0.0");
            } else {
                assertThat(address).as("%s must bind the private address", l.variable()).contains(PRIVATE)
                        .doesNotContain("0.0.0.0");
            }
        }
    }

    /** A port in Terraform is the port the roles use: the defaults of both providers equal Ansible's. */
    @Test
    void terraformsPortDefaultsAreAnsiblesPorts() {
        int compared = 0;
        for (String provider : providers.keySet()) {
            Map<String, JsonNode> variables = providers.get(provider).blocks("variable");
            for (Listener l : LISTENERS) {
                String[] path = l.variable().split("\\.");
                JsonNode tf = variables.containsKey(path[0]) ? variables.get(path[0]).path("default") : null;
                if (tf == null) {
                    continue;
                }
                JsonNode ansible = ansibleVars.get(path[0]);
                if (path.length == 2) {
                    tf = tf.path(path[1]);
                    ansible = ansible.path(path[1]);
                }
                assertThat(tf.asInt()).as("default of %s in %s", l.variable(), provider).isEqualTo(ansible.asInt())
                        .isPositive();
                compared++;
            }
        }
        assertThat(compared).as("ports declared in Terraform (AWS: all ten; Scaleway: the five the outputs name)")
                .isEqualTo(15);
    }

    @Test
    void awsAdmitsEachListenerFromExactlyWhereItIsReached() {
        Map<String, List<List<String>>> sourcesByListener = new TreeMap<>();
        providers.get("aws").resources("aws_security_group").forEach((group, sg) -> sg.path("ingress").forEach(rule -> {
            String port = rule.path("from_port").asText();
            assertThat(rule.path("to_port").asText()).as("rule of %s: one port, not a range", group).isEqualTo(port);
            List<String> sources = new ArrayList<>();
            rule.path("cidr_blocks").forEach(c -> sources.add(c.asText()));
            rule.path("security_groups").forEach(g -> sources.add(g.asText()));
            if (rule.path("self").asBoolean()) {
                sources.add("self");
            }
            sourcesByListener.computeIfAbsent(listenerOf(port, "aws_security_group." + group), k -> new ArrayList<>())
                    .add(sources);
        }));
        for (String listener : allListeners()) {
            List<List<String>> rules = sourcesByListener.getOrDefault(listener, List.of());
            switch (reach(listener)) {
                case ADMIN_NETWORK -> assertThat(rules).as("rules for %s", listener).isNotEmpty()
                        .allMatch(sources -> sources.equals(List.of(ADMIN_CIDR)));
                case LAB_HOSTS -> assertThat(rules).as("rules for %s", listener).isNotEmpty()
                        .allMatch(sources -> !sources.isEmpty() && sources.stream().allMatch(s -> s.equals("self")
                                || s.equals("${var.vpc_cidr}") || s.matches("\\$\\{aws_security_group\\.[a-z_]+\\.id}")));
                case OWN_HOST -> assertThat(rules).as("rules for %s (reached through an SSH tunnel)", listener).isEmpty();
            }
        }
    }

    @Test
    void scalewayOpensOnlyTheAdminListenersPubliclyAndPutsEveryHostOnThePrivateNetwork() {
        Map<String, List<String>> publicRules = new TreeMap<>();
        Map<String, JsonNode> groups = providers.get("scaleway").resources("scaleway_instance_security_group");
        assertThat(groups).isNotEmpty();
        groups.forEach((name, sg) -> {
            assertThat(sg.path("inbound_default_policy").asText()).as("default of %s", name).isEqualTo("drop");
            sg.path("inbound_rule").forEach(rule -> publicRules.computeIfAbsent(
                    listenerOf(rule.path("port").asText(), name), k -> new ArrayList<>()).add(rule.path("ip_range").asText()));
            sg.path("dynamic").path("inbound_rule").forEach(d -> {
                assertThat(d.path("content")).hasSize(1);
                JsonNode content = d.path("content").get(0);
                assertThat(content.path("port").asText()).isEqualTo("${inbound_rule.value}");
                d.path("for_each").forEach(port -> publicRules.computeIfAbsent(listenerOf(port.asText(), name),
                        k -> new ArrayList<>()).add(content.path("ip_range").asText()));
            });
        });
        for (String listener : allListeners()) {
            if (reach(listener) == Reach.ADMIN_NETWORK) {
                assertThat(publicRules.get(listener)).as("public rules for %s", listener).isNotEmpty()
                        .allMatch(ADMIN_CIDR::equals);
            } else {
                assertThat(publicRules).as("%s is reached over the private network, never publicly", listener)
                        .doesNotContainKey(listener);
            }
        }
        Map<String, JsonNode> servers = providers.get("scaleway").resources("scaleway_instance_server");
        assertThat(servers).containsOnlyKeys("kafka", "app");
        servers.forEach((name, vm) -> {
            assertThat(vm.path("private_network").findValuesAsText("pn_id")).as("private network of %s", name)
                    .containsExactly("${scaleway_vpc_private_network.hosts.id}");
            assertThat(vm.path("security_group_id").asText()).as("security group of %s", name)
                    .startsWith("${scaleway_instance_security_group.lab[");
        });
    }

    /** SSH (the login, not a role's listener) and every listener of the roles. */
    private static List<String> allListeners() {
        List<String> all = new ArrayList<>(List.of(SSH));
        LISTENERS.forEach(l -> all.add(l.variable()));
        return all;
    }

    private static Reach reach(String listener) {
        return listener.equals(SSH) ? Reach.ADMIN_NETWORK
                : LISTENERS.stream().filter(l -> l.variable().equals(listener)).findFirst().orElseThrow().reach();
    }

    /** The listener a rule's port expression names; a port nothing listens on fails. */
    private static String listenerOf(String port, String where) {
        if (port.equals("22")) {
            return SSH;
        }
        Matcher m = PORT_VARIABLE.matcher(port);
        assertThat(m.matches()).as("port %s in %s: a variable of the roles' ports, or 22", port, where).isTrue();
        assertThat(allListeners()).as("rule in %s for a port nothing listens on", where).contains(m.group(1));
        return m.group(1);
    }

    /** Replaces {@code {{ name }}} by the variable's value where that is plain text (one level, as Jinja would). */
    private static String resolve(String text) {
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = ansibleVars.get(m.group(1));
            String replacement = value != null && value.isTextual() ? value.asText() : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }
}
