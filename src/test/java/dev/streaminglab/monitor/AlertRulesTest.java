package dev.streaminglab.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streaminglab.Resources;
import dev.streaminglab.cluster.MetricsAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules Prometheus loads, checked by Prometheus's own promtool (a broken file would stop Prometheus at
 * start), and held to the kit's conventions. AlertsIT (-Plong) fires them with real faults.
 */
class AlertRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void promtoolAcceptsTheRulesFile(@TempDir Path dir) {
        Path rules = Resources.copy(LocalPrometheus.RULES, dir.resolve("alert-rules.yml"));
        LocalPrometheus.CheckResult r = LocalPrometheus.checkRules(rules);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 10 rules found");
    }

    @Test
    void everyAlertHasASeverityASummaryAndAnAction() {
        List<AlertRules.Rule> rules = AlertRules.read();
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.severity()).as(r.name()).isIn("warning", "critical");
            assertThat(r.summary()).as(r.name()).isNotBlank();
            assertThat(r.action()).as(r.name()).isNotBlank();
        });
        assertThat(rules).extracting(AlertRules.Rule::name).containsExactly("KafkaBrokerDown",
                "KafkaUnderReplicatedPartitions", "KafkaUnderMinIsrPartitions", "KafkaOfflinePartitions",
                "KafkaNoSingleActiveController", "KafkaLogDirAlmostFull", "TlsCertificateExpiresSoon",
                "ConsumerGroupLagHigh", "ConnectTaskFailed", "KafkaStreamsThreadFailed");
    }

    /** The exporter's rules parse as YAML and name each MBean domain the kit watches. */
    @Test
    void theExporterRulesCoverBrokersClientsStreamsAndConnect(@TempDir Path dir) throws Exception {
        JsonNode cfg = YAML.readTree(Files.readString(Resources.copy(MetricsAgent.RULES, dir.resolve("x.yml"))));
        List<String> patterns = new ArrayList<>();
        cfg.path("rules").forEach(r -> patterns.add(r.path("pattern").asText()));
        assertThat(patterns).hasSize(21);
        assertThat(patterns).anyMatch(p -> p.startsWith("kafka.server<type=ReplicaManager"))
                .anyMatch(p -> p.startsWith("kafka.controller<type=KafkaController"))
                .anyMatch(p -> p.startsWith("kafka.consumer<type=consumer-fetch-manager-metrics"))
                .anyMatch(p -> p.contains("record-e2e-latency"))
                .anyMatch(p -> p.contains("size-all-mem-tables"))
                .anyMatch(p -> p.contains("deadletterqueue-produce-requests"));
    }
}
