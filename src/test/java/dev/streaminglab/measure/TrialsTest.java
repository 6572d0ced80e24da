package dev.streaminglab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.measure.Trials.Arm;
import dev.streaminglab.measure.Trials.Order;
import dev.streaminglab.kafka.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsTest {
    @Test
    void armsAlternateRoundByRoundAfterAWarmUpThatIsNotRecorded() {
        List<String> ran = new ArrayList<>();
        Trials.Outcome<Integer> out = new Trials(3, true, Order.ALTERNATING, LoadGuard.NONE, Set.of(), 1)
                .run(new Arm<>("tool", () -> {
                    ran.add("tool");
                    return 10;
                }), new Arm<>("kit", () -> {
                    ran.add("kit");
                    return 9;
                }));
        assertThat(ran).containsExactly("tool", "kit", "tool", "kit", "kit", "tool", "tool", "kit");
        assertThat(out.trials()).extracting(t -> t.arm() + t.round() + t.position())
                .containsExactly("tool00", "kit01", "kit10", "tool11", "tool20", "kit21");
        assertThat(out.values("kit")).containsExactly(9, 9, 9);
        assertThat(out.discarded()).isZero();
    }

    @Test
    void pairedRatiosAreNoiseWhenTheirRangeContainsOne() {
        Ratio clear = Ratio.paired("kit", List.of(0.90, 0.92, 0.91), "tool", List.of(1.0, 1.0, 1.0));
        assertThat(clear.ratios().median()).isEqualTo(0.91);
        assertThat(clear.isNoise()).isFalse();
        assertThat(clear.within(3)).isFalse();
        Ratio noise = Ratio.paired("kit", List.of(0.98, 1.01, 1.02), "tool", List.of(1.0, 1.0, 1.0));
        assertThat(noise.isNoise()).isTrue();
        assertThat(noise.within(3)).isTrue();
        assertThat(noise.format()).isEqualTo("1.01 [0.98–1.02] (noise)");
    }

    @Test
    void spreadKeepsMedianMinMaxAndSamples() {
        Spread s = Spread.of(List.of(3, 1, 2, 10));
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(10);
        assertThat(s.samples()).containsExactly(3.0, 1.0, 2.0, 10.0);
        assertThat(s.widthPercent()).isEqualTo(360.0);
        assertThat(s.format(1)).isEqualTo("2.5 [1.0–10.0]");
        assertThat(Spread.single(4).format(0)).isEqualTo("4 (n=1)");
    }

    @Test
    void aDisturbedRunIsRedoneAndCounted() {
        LoadGuard strict = new LoadGuard(-1, 100, 1); // any sampled outside load counts as disturbed
        Trials.Outcome<Integer> out = new Trials(1, false, Order.ALTERNATING, strict, Set.of(), 1)
                .run(new Arm<>("busy", () -> {
                    long until = System.nanoTime() + 2_200_000_000L; // two samples of the machine
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return 1;
                }));
        assertThat(out.trials()).hasSize(1);
        assertThat(out.discarded()).isEqualTo(out.trials().get(0).load().samples() > 0 ? 1 : 0);
    }

    @Test
    void anArmFollowsAProcessItsRunStartsThroughTheRunsSampler() {
        Trials.Outcome<Double> out = new Trials(1, false, Order.ALTERNATING, LoadGuard.NONE, Set.of(), 1)
                .run(new Arm<>("spin", sampler -> {
                    LoadSampler.Followed self = sampler.follow(ProcessHandle.current());
                    double before = self.readings().get(0).cpuSeconds();
                    // the readings come from the sampler's own thread, every FOLLOW_PERIOD_MS; each probe burns
                    // 20 ms of CPU so the JVM's CPU time moves
                    Await.until(Duration.ofSeconds(10), "readings of a spinning JVM", () -> {
                        long until = System.nanoTime() + 20_000_000L;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        return self.readings().size() >= 3 && self.cpuSecondsAt(System.currentTimeMillis()) > before;
                    });
                    assertThat(self.peakRssBytes()).isGreaterThanOrEqualTo(self.readings().get(0).rssBytes())
                            .isPositive();
                    return self.cpuSecondsAt(System.currentTimeMillis()) - before;
                }));
        assertThat(out.values("spin").get(0)).isPositive();
    }

    @Test
    void resultsRoundTripThroughJsonAndFlattenToCsv(@TempDir Path dir) {
        RunStamp stamp = RunStamp.start("bench", "quick").finished();
        Row row = Row.of("producer", "baseline", "kit").param("record_size", 100)
                .figure("records_per_sec", Spread.of(List.of(100, 120, 110))).fact("records", 1000L);
        Results written = new Results(stamp, Map.of("partitions", 3), List.of(row), List.of("a note"));
        written.write(dir);
        Results read = Results.read(dir);
        assertThat(read.row("producer", "baseline", "kit").orElseThrow().require("records_per_sec").median())
                .isEqualTo(110);
        assertThat(read.stamp().commit()).isEqualTo(stamp.commit());
        assertThat(written.csv().lines().findFirst().orElseThrow()).isEqualTo("group,name,arm,record_size,"
                + "records_per_sec_median,records_per_sec_min,records_per_sec_max,records_per_sec_n,records,"
                + "load_outside_pct,load_steal_pct,load_max_average,discarded_runs,commit");
        assertThat(written.csv().lines().skip(1).findFirst().orElseThrow())
                .startsWith("producer,baseline,kit,100,110,100,120,3,1000,0,0,0,0,");
    }
}
