package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.measure.Spread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every chart renders from results alone, zeros included (a log axis must then give way), with the run's footer. */
class PlotsTest {
    @Test
    void everyChartRendersFromResultsWithZerosAndSpreads(@TempDir Path dir) {
        List<Row> rows = new ArrayList<>();
        Spread some = Spread.of(List.of(90, 100, 130));
        Spread zero = Spread.of(List.of(0, 1, 2));
        for (String point : List.of("baseline", "telemetry")) {
            for (ProducerArm a : ProducerArm.values()) {
                rows.add(Row.of(ProducerSuite.GROUP, point, a.label).figure("records_per_sec", some));
            }
        }
        rows.add(Row.of(ProducerSuite.GROUP, "baseline", ProducerArm.KIT.label + " ÷ " + ProducerArm.TOOL.label)
                .figure("ratio", Spread.of(List.of(0.98, 1.0, 1.02))));
        rows.add(Row.of(StreamsSuite.GROUP, "validation", "validation").figure("records_per_sec", some));
        rows.add(Row.of(StreamsSuite.GROUP, "validation", "validation ÷ passthrough").figure("ratio", some));
        rows.add(Row.of(StreamsSuite.EXACTLY_ONCE, "pipeline", "eos").figure("seconds", some));
        rows.add(Row.of(StreamsSuite.RESTORE, "2,000 keys", "s").param("keys", 2000).figure("restore_ms", zero));
        for (String load : List.of("10", "50", "90")) {
            rows.add(Row.of(LatencySuite.GROUP, LatencySuite.configs(Profile.QUICK).get(0).name() + " @ " + load + " %",
                    LatencySuite.CLIENT).param("load_fraction", Integer.parseInt(load) / 100.0)
                    .figure("lat_p50_ms", zero).figure("lat_p99_ms", some).figure("lat_p999_ms", some)
                    .figure("pipeline_p99_ms", zero));
        }
        rows.add(Row.of(ClusterReadySuite.GROUP, "launch", "1 node").figure("ready_seconds", some));
        Results r = new Results(RunStamp.start("bench", "quick").finished(), Map.of(), rows, List.of());
        var charts = Plots.all(r);
        assertThat(charts.keySet()).containsExactly("producers.png", "ratios.png", "streams-stages.png",
                "exactly-once.png", "restore.png", "latency-vs-load.png", "latency-configs.png", "cluster-ready.png");
        charts.forEach((file, chart) -> assertThatCode(() -> Charts.savePng(chart, dir.resolve(file),
                r.stamp().footer())).as(file).doesNotThrowAnyException());
        charts.keySet().forEach(file -> assertThat(dir.resolve(file)).isNotEmptyFile());
    }
}
