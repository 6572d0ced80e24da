package dev.streaminglab.bench;

import dev.streaminglab.costs.CatchUp;
import dev.streaminglab.costs.Stage;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time goes in every throughput target this run did not clearly pass: the stage (or the generator) runs
 * once more, unmeasured, with a JDK Flight Recording, and its execution samples are counted by top frame and by
 * area ({@link Profiling}). Targets on latency, start-up and memory are explained by their own breakdowns (hops,
 * registration, processes), which their suites record.
 */
final class ProfileSuite {
    static final String GROUP = "profile";
    private static final int TOP_FRAMES = 10;

    private ProfileSuite() {
    }

    static SuiteResult run(BenchContext ctx) {
        Results sofar = new Results(RunStamp.start("bench", ctx.profile.name()), Map.of(), ctx.rows, List.of());
        List<Row> rows = new ArrayList<>();
        Map<String, Object> workload = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Findings.Target t : Findings.targets(sofar)) {
            if (t.verdict() == Findings.Verdict.PASS || t.verdict() == Findings.Verdict.NOT_MEASURED) {
                continue;
            }
            Path recording = ctx.workDir.resolve("profiles").resolve(BenchContext.unique("jfr") + ".jfr");
            List<String> flags = List.of(Profiling.flightRecording(recording));
            String subject;
            if (t.name().startsWith("generator")) {
                ctx.progress("profile: generator");
                ProducerSuite.runOnce(ctx, ProducerArm.GENERATOR, ProducerPoint.generatorDefaults(), flags);
                subject = ProducerArm.GENERATOR.label;
            } else {
                Stage stage = List.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.WINDOWED_AGGREGATES).stream()
                        .filter(s -> t.name().startsWith(s.label())).findFirst().orElse(null);
                if (stage == null) {
                    continue;
                }
                ctx.progress("profile: " + stage.label());
                ctx.rig().withExtraFlags(flags);
                try {
                    CatchUp.run(ctx.rig(), stage, StreamsSuite.production(), StreamsSuite.input(ctx, stage),
                            StreamsSuite.RUN_TIMEOUT);
                } finally {
                    ctx.rig().withExtraFlags(List.of());
                }
                subject = stage.label();
            }
            Profiling.Profile p = Profiling.read(recording, TOP_FRAMES);
            int i = 0;
            for (Profiling.Share f : p.topFrames()) {
                rows.add(share(subject, "frame " + (++i), f, p.samples()));
            }
            for (Profiling.Share a : p.areas()) {
                rows.add(share(subject, "area " + a.name(), a, p.samples()));
            }
            workload.put("profile " + subject, "one more run with " + flags.get(0).replace(recording.toString(),
                    "<file>") + ", execution samples by top frame (self time) and by area");
        }
        if (rows.isEmpty()) {
            notes.add("No throughput target was missed: nothing profiled.");
        }
        return new SuiteResult(rows, workload, notes);
    }

    private static Row share(String subject, String arm, Profiling.Share s, long total) {
        return Row.of(GROUP, subject, arm).fact("what", s.name()).fact("samples", s.samples())
                .fact("share_pct", Math.round(s.percent() * 10) / 10.0).fact("total_samples", total);
    }
}
