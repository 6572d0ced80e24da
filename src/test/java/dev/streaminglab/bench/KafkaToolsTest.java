package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kafka's tools as the suites call them, and the promise that every producer under test gets the same settings. */
class KafkaToolsTest {
    private static final Path CLIENTS = Path.of("/w/clients.properties");

    @Test
    void endToEndLatencyHasWholeMillisecondPercentilesAndNoMaximum() {
        KafkaTools.RoundTrips l = KafkaTools.parseEndToEndLatency("""
                Topic "e2e" does not exist. Will create topic with 1 partition(s) and replication factor = 1
                0\t230.81537899999998
                Avg latency: 8.7554 ms
                Percentiles: 50th = 6, 99th = 37, 99.9th = 230
                """);
        assertThat(l).isEqualTo(new KafkaTools.RoundTrips(8.7554, 6, 37, 230));
    }

    @Test
    void outputWithoutASummaryIsAnErrorShowingTheOutput() {
        assertThatThrownBy(() -> KafkaTools.parseEndToEndLatency("Exception in thread main: boom"))
                .isInstanceOf(LabException.class).hasMessageContaining("printed no summary").hasMessageContaining("boom");
    }

    @Test
    void producerPerformanceRunsUnthrottledUntilEndedWithTheSettingsAndTheClientFile() {
        List<String> args = KafkaTools.producerPerformance("127.0.0.1:1", "t", Optional.empty(), 100,
                ProducerPoint.BASELINE.settings(), CLIENTS);
        assertThat(String.join(" ", args)).startsWith("--bootstrap-server 127.0.0.1:1 --topic t --num-records "
                + KafkaTools.UNBOUNDED_RECORDS + " --throughput -1 --reporting-interval 3600000 --command-config "
                + CLIENTS + " --record-size 100 --command-property ");
        assertThat(args.subList(args.indexOf("--command-property") + 1, args.size()))
                .containsExactlyInAnyOrderElementsOf(settings(ProducerPoint.BASELINE));
    }

    @Test
    void theToolAndTheKitLoopGetTheSameRecordsSettingsAndClientFile() {
        for (ProducerPoint p : List.of(ProducerPoint.BASELINE, ProducerPoint.KREPS, ProducerPoint.generatorDefaults())) {
            Optional<Path> payload = p.telemetry() ? Optional.of(Path.of("/w/payloads.txt")) : Optional.empty();
            List<String> tool = ProducerArm.TOOL.command("b:1", "t", "d", p, payload, CLIENTS);
            List<String> kit = ProducerArm.KIT.command("b:1", "t", "d", p, payload, CLIENTS);
            assertThat(tool.get(0)).isEqualTo(KafkaTools.PRODUCER_PERFORMANCE);
            assertThat(kit.subList(0, 6)).containsExactly(KitProducer.class.getName(), "b:1", "t",
                    String.valueOf(p.recordSize()), payload.map(Path::toString).orElse("-"), CLIENTS.toString());
            assertThat(kit.subList(6, kit.size())).containsExactlyInAnyOrderElementsOf(settings(p));
            assertThat(tool).containsAll(settings(p)).contains(CLIENTS.toString());
            payload.ifPresent(f -> assertThat(tool).containsSequence("--payload-file", f.toString()));
        }
    }

    @Test
    void theGeneratorGetsEverySettingTheToolGetsAndTheToolGetsTheGeneratorsKeys() {
        ProducerPoint p = ProducerPoint.generatorDefaults();
        assertThat(p.settings()).containsOnlyKeys(ProducerArm.GENERATOR_FLAGS.keySet())
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true");
        List<String> generator = ProducerArm.GENERATOR.command("b:1", "t", "d", p, Optional.empty(), CLIENTS);
        ProducerArm.GENERATOR_FLAGS.forEach((setting, flag) ->
                assertThat(generator).containsSequence(flag, p.settings().get(setting)));
        assertThat(generator).containsSequence("--rate", "max").containsSequence("--client-config", CLIENTS.toString());
        assertThat(ProducerArm.TOOL.interceptors(p)).containsExactly(DeviceKeys.class.getName(),
                AckWindow.class.getName());
        assertThat(ProducerArm.GENERATOR.interceptors(p)).containsExactly(AckWindow.class.getName());
        assertThat(ProducerArm.KIT.interceptors(ProducerPoint.BASELINE)).containsExactly(AckWindow.class.getName());
    }

    @Test
    void krepsSettingsAreHisExactly() {
        assertThat(ProducerPoint.KREPS.settings()).containsExactlyInAnyOrderEntriesOf(Map.of("acks", "1",
                "batch.size", "8196", "buffer.memory", "67108864", "linger.ms", "0"));
        assertThat(ProducerPoint.KREPS.partitions()).isEqualTo(6);
        assertThat(ProducerPoint.KREPS.recordSize()).isEqualTo(100);
    }

    private static List<String> settings(ProducerPoint p) {
        List<String> s = new ArrayList<>();
        new LinkedHashMap<>(p.settings()).forEach((k, v) -> s.add(k + "=" + v));
        return s;
    }
}
