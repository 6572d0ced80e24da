package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.bench.Findings.Verdict;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.measure.Spread;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The A/A gate and the targets' verdicts, read from results alone. */
class FindingsTest {
    private static final RunStamp STAMP = RunStamp.start("bench", "full");
    private static final String AA_ARM = ProducerArm.KIT.label + " ÷ " + ProducerArm.TOOL.label;

    @Test
    void anAaControlOutsideThreePercentMarksTheRunNoisyInTheFirstHeadlineLine() {
        Results noisy = results(Row.of(ProducerSuite.GROUP, "baseline", AA_ARM)
                .figure("ratio", Spread.of(List.of(0.99, 1.01, 1.05, 1.0, 0.98))));
        assertThat(Findings.aaPassed(noisy)).isFalse();
        assertThat(Findings.headline(noisy).get(0)).startsWith("**NOISY RUN**")
                .contains("1.000 [0.980–1.050]", "5 paired runs", "±3 %");
        Results clean = results(Row.of(ProducerSuite.GROUP, "baseline", AA_ARM)
                .figure("ratio", Spread.of(List.of(0.99, 1.01, 1.02, 1.0, 0.98))));
        assertThat(Findings.aaPassed(clean)).isTrue();
        assertThat(Findings.headline(clean).get(0)).startsWith("A/A control:").doesNotContain("NOISY");
    }

    @Test
    void aTargetPassesWhenEveryRepetitionMeetsItFailsWhenNoneDoesAndIsInconclusiveBetween() {
        assertThat(Findings.verdict(Spread.of(List.of(0.96, 0.97, 0.99)), 0.95, true)).isEqualTo(Verdict.PASS);
        assertThat(Findings.verdict(Spread.of(List.of(0.90, 0.93, 0.94)), 0.95, true)).isEqualTo(Verdict.FAIL);
        assertThat(Findings.verdict(Spread.of(List.of(0.93, 0.96, 0.97)), 0.95, true))
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Findings.verdict(Spread.of(List.of(12, 18, 19.9)), 20, false)).isEqualTo(Verdict.PASS);
        assertThat(Findings.verdict(Spread.of(List.of(12, 18, 20)), 20, false)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void everyTargetIsReadFromItsRowAndOneNotMeasuredSaysSo() {
        Results r = results(Row.of(StreamsSuite.GROUP, "validation", "validation ÷ passthrough")
                .figure("ratio", Spread.of(List.of(0.70, 0.72, 0.75))));
        List<Findings.Target> targets = Findings.targets(r);
        assertThat(targets).hasSize(8);
        assertThat(targets.get(1).name()).isEqualTo("validation ≥ 80 % of the Streams passthrough");
        assertThat(targets.get(1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(targets.get(1).measured()).isEqualTo("0.720 [0.700–0.750]");
        assertThat(targets.get(0).verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(targets.get(0).measured()).isEqualTo("not measured");
    }

    private static Results results(Row... rows) {
        return new Results(STAMP, Map.of(), List.of(rows), List.of());
    }
}
