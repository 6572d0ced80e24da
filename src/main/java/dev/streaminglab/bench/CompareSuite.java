package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.costs.CatchUp;
import dev.streaminglab.costs.Stage;
import dev.streaminglab.measure.Ratio;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Trials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before and after a change to the kit's own code: the stages run on another build of the kit (a checkout built
 * with {@code mvn compile}, given with {@code --compare-with}) and on this one, over the same inputs, in alternating
 * order, paired by round. Only this build's harness measures; only the stages' JVMs differ.
 */
final class CompareSuite {
    static final String GROUP = "before-after";
    static final String BEFORE = "before";
    static final String AFTER = "after (this build)";
    static final List<Stage> STAGES = List.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.WINDOWED_AGGREGATES);

    private CompareSuite() {
    }

    static SuiteResult run(BenchContext ctx, Path otherCheckout) {
        String before = classpath(otherCheckout);
        List<Row> rows = new ArrayList<>();
        for (Stage stage : STAGES) {
            StreamsSuite.StageArm arm = new StreamsSuite.StageArm(stage, StreamsSuite.production(),
                    StreamsSuite.input(ctx, stage));
            Trials.Outcome<CatchUp.Run> o = ctx.trials(ctx.profile.diagnosticRepetitions(), false).run(
                    new Trials.Arm<>(BEFORE, sampler -> {
                        ctx.rig().withClasspath(before);
                        try {
                            return arm.arm(ctx.rig(), BEFORE).run(sampler);
                        } finally {
                            ctx.rig().withClasspath(null);
                        }
                    }), arm.arm(ctx.rig(), AFTER));
            for (String side : List.of(BEFORE, AFTER)) {
                rows.add(Row.of(GROUP, stage.label(), side).param("records", arm.input().records())
                        .figure("records_per_sec", o.spread(side, CatchUp.Run::recordsPerSec))
                        .figure("seconds", o.spread(side, CatchUp.Run::seconds)).load(o.load(side), o.discarded()));
            }
            Ratio r = o.ratio(AFTER, BEFORE, CatchUp.Run::recordsPerSec);
            rows.add(Row.of(GROUP, stage.label(), AFTER + " ÷ " + BEFORE).figure("ratio", r.ratios())
                    .fact("noise", r.isNoise()).load(o.load(AFTER).max(o.load(BEFORE)), o.discarded()));
        }
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("before-after", "stages " + STAGES.stream().map(Stage::label).toList() + " on the build in "
                + otherCheckout + " and on this one, production settings, the streams suite's inputs");
        return new SuiteResult(rows, workload, List.of());
    }

    /** The classes and dependencies of a checkout built with {@code mvn compile}. */
    private static String classpath(Path checkout) {
        Path classes = checkout.resolve("target").resolve("classes");
        Path deps = checkout.resolve("target").resolve("runtime-classpath.txt");
        try {
            return classes + ":" + Files.readString(deps).strip();
        } catch (IOException e) {
            throw new LabException("cannot read " + deps + ": build that checkout first (mvn compile)", e);
        }
    }
}
