package dev.streaminglab.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exposition format Prometheus parses from the dashboard's /metrics: exact lines, escaped label values. */
class MetricsTextTest {
    @Test
    void writesHelpTypeAndSamplesWithEscapedLabels() {
        Map<String, String> labels = new TreeMap<>(Map.of("group", "a\"b\\c\nd", "topic", "t"));
        String text = new MetricsText().gauge("lab_lag", "records behind")
                .sample("lab_lag", labels, 300).sample("lab_lag", Map.of(), 0.25).text();
        assertThat(text).isEqualTo("""
                # HELP lab_lag records behind
                # TYPE lab_lag gauge
                lab_lag{group="a\\"b\\\\c\\nd",topic="t"} 300
                lab_lag 0.25
                """);
    }

    @Test
    void notANumberIsWrittenAsPrometheusSpellsIt() {
        assertThat(new MetricsText().sample("x", Map.of(), Double.NaN).text()).isEqualTo("x NaN\n");
    }
}
