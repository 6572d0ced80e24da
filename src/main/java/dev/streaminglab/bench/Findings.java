package dev.streaminglab.bench;

import dev.streaminglab.costs.Stage;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run says, read from its results and nothing else: the A/A gate, the kit's targets with pass/fail over
 * their spread, and the headline lines the report and the notebook print. Prose never types a figure; it asks here.
 */
public final class Findings {
    /** How far the A/A control may stray from 1 before the run is marked noisy. */
    public static final double AA_TOLERANCE_PCT = 3;

    /** A target's verdict over the spread of its figure. */
    public enum Verdict {
        /** Every repetition meets the target. */
        PASS,
        /** No repetition meets it. */
        FAIL,
        /** Some do, some do not: the spread is wider than the margin. */
        INCONCLUSIVE,
        /** Its figure is not in these results (suite not run, or skipped). */
        NOT_MEASURED
    }

    /** A target of the kit: a figure of a row, a threshold, which side of it is good, and the verdict. */
    public record Target(String name, String figureText, double threshold, boolean atLeast, Optional<Spread> value,
            Verdict verdict, String unit) {
        /** "0.97 [0.95–0.99]", or "not measured". */
        public String measured() {
            return value.map(v -> v.format(decimals(v.median())) + (unit.isEmpty() ? "" : " " + unit))
                    .orElse("not measured");
        }

        public String goal() {
            return (atLeast ? "≥ " : "< ") + format(threshold) + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    private Findings() {
    }

    /** The A/A control's paired ratios: kit-producer ÷ ProducerPerformance on the baseline. */
    public static Optional<Spread> aaRatio(Results r) {
        return r.row(ProducerSuite.GROUP, ProducerPoint.BASELINE.name(), ProducerArm.KIT.label + " ÷ "
                + ProducerArm.TOOL.label).map(row -> row.require("ratio"));
    }

    /** True when the A/A control was measured and every paired ratio lies within ±{@value #AA_TOLERANCE_PCT} %. */
    public static boolean aaPassed(Results r) {
        return aaRatio(r).map(s -> Math.abs(s.min() - 1) * 100 <= AA_TOLERANCE_PCT
                && Math.abs(s.max() - 1) * 100 <= AA_TOLERANCE_PCT).orElse(false);
    }

    /** The kit's targets, in the order of the issue that set them. */
    public static List<Target> targets(Results r) {
        List<Target> t = new ArrayList<>();
        t.add(target("generator ≥ 95 % of ProducerPerformance (same record size, keys, settings)", r,
                ProducerSuite.GROUP, "telemetry", ProducerArm.GENERATOR.label + " ÷ " + ProducerArm.TOOL.label,
                "ratio", 0.95, true, ""));
        for (Stage s : List.of(Stage.VALIDATION, Stage.ENRICHMENT)) {
            t.add(stageTarget(r, s, 0.8));
        }
        t.add(stageTarget(r, Stage.WINDOWED_AGGREGATES, 0.5));
        t.add(target("end-to-end p99 < 20 ms at 50 % load, at-least-once (production settings)", r,
                LatencySuite.GROUP, LatencySuite.configs(Profile.QUICK).get(0).name() + " @ 50 %", LatencySuite.CLIENT,
                "lat_p99_ms", 20, false, "ms"));
        for (int nodes : List.of(1, 3)) {
            t.add(target("local cluster ready < 10 s, " + ClusterReadySuite.name(nodes) + " (launch → first "
                    + "acknowledged write)", r, ClusterReadySuite.GROUP, "launch to first acknowledged write",
                    ClusterReadySuite.name(nodes), "ready_seconds", 10, false, "s"));
        }
        Optional<Row> memory = r.rows(MemorySuite.GROUP).stream().findFirst();
        Optional<Spread> peak = memory.map(m -> Spread.single(m.require("rss_mib").max()));
        t.add(new Target("whole demo < 2 GiB resident (peak of the summed resident sets)", "rss_mib", 2048, false,
                peak, peak.map(p -> verdict(p, 2048, false)).orElse(Verdict.NOT_MEASURED), "MiB"));
        return t;
    }

    private static Target stageTarget(Results r, Stage s, double threshold) {
        return target(s.label() + " ≥ " + Math.round(threshold * 100) + " % of the Streams passthrough", r,
                StreamsSuite.GROUP, s.label(), s.label() + " ÷ " + Stage.PASSTHROUGH.label(), "ratio", threshold, true,
                "");
    }

    private static Target target(String name, Results r, String group, String row, String arm, String figure,
            double threshold, boolean atLeast, String unit) {
        Optional<Spread> v = r.row(group, row, arm).flatMap(x -> x.figure(figure));
        return new Target(name, figure, threshold, atLeast, v,
                v.map(s -> verdict(s, threshold, atLeast)).orElse(Verdict.NOT_MEASURED), unit);
    }

    /** Pass when the whole range is on the good side, fail when all of it is on the other, else inconclusive. */
    static Verdict verdict(Spread s, double threshold, boolean atLeast) {
        boolean worstOk = atLeast ? s.min() >= threshold : s.max() < threshold;
        boolean bestOk = atLeast ? s.max() >= threshold : s.min() < threshold;
        return worstOk ? Verdict.PASS : bestOk ? Verdict.INCONCLUSIVE : Verdict.FAIL;
    }

    /** The headline: the A/A gate first (a noisy run says so before anything else), then every target. */
    public static List<String> headline(Results r) {
        List<String> h = new ArrayList<>();
        Optional<Spread> aa = aaRatio(r);
        if (aa.isEmpty()) {
            h.add("A/A control not measured (producer suite not run): nothing below is checked against the rig.");
        } else if (aaPassed(r)) {
            h.add("A/A control: kit-producer ÷ ProducerPerformance " + aa.get().format(3) + " over " + aa.get().n()
                    + " paired runs, within ±" + format(AA_TOLERANCE_PCT) + " %: the rig measures two equal loops "
                    + "as equal.");
        } else {
            h.add("**NOISY RUN**: the A/A control kit-producer ÷ ProducerPerformance is " + aa.get().format(3)
                    + " over " + aa.get().n() + " paired runs, outside ±" + format(AA_TOLERANCE_PCT) + " %. Two equal "
                    + "loops did not measure as equal, so differences below smaller than that spread say nothing.");
        }
        for (Target t : targets(r)) {
            h.add(t.name() + ": " + t.measured() + " → " + t.verdict());
        }
        int discarded = r.rows().stream().mapToInt(Row::discarded).max().orElse(0);
        double outside = r.rows().stream().mapToDouble(x -> x.load().outsidePct()).max().orElse(0);
        h.add(String.format(Locale.ROOT, "Machine: up to %.1f %% of the CPU used by other processes during a kept run; "
                + "%d run(s) of the busiest comparison redone for outside load.", outside, discarded));
        return h;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%,." + decimals(v) + "f", v);
    }

    private static int decimals(double v) {
        double a = Math.abs(v);
        return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    }
}
