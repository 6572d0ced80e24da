package dev.streaminglab.bench;

import dev.streaminglab.costs.CatchUp;
import dev.streaminglab.costs.ExactlyOnceCost;
import dev.streaminglab.costs.RestoreCost;
import dev.streaminglab.costs.Rig;
import dev.streaminglab.costs.Stage;
import dev.streaminglab.costs.StreamsSetup;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.measure.Ratio;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Trials;
import dev.streaminglab.pipeline.PipelineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Streams against the right baselines, with {@link CatchUp}'s clock (start to the last committed offset) and
 * the pipeline's production settings: a plain consumer→producer passthrough, the Streams passthrough beside it,
 * then each of the kit's stages and the whole pipeline, in alternating order. Diagnostics: the record cache off,
 * exactly-once against at-least-once at two commit intervals ({@link ExactlyOnceCost}), restore time against store
 * size ({@link RestoreCost}).
 */
final class StreamsSuite {
    static final String GROUP = "streams";
    static final String CACHE = "streams-cache";
    static final String EXACTLY_ONCE = "exactly-once";
    static final String RESTORE = "restore";
    /** No stage runs longer than this on any input of a profile; a run that does is stuck. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    static final int RESTORE_VALUE_BYTES = 100;

    /** One stage on one input: an arm of the comparison. */
    record StageArm(Stage stage, StreamsSetup setup, Rig.Input input) {
        String label() {
            return stage.label();
        }

        Trials.Arm<CatchUp.Run> arm(Rig rig, String name) {
            return new Trials.Arm<>(name, () -> CatchUp.run(rig, stage, setup, input, RUN_TIMEOUT));
        }
    }

    private StreamsSuite() {
    }

    /** The production settings: {@code Pipeline.java}'s defaults (its guarantee, commit interval, cache). */
    static StreamsSetup production() {
        return StreamsSetup.production(PipelineOptions.defaults().guarantee());
    }

    /**
     * A stage's input: the generator's records in its form, as many as the profile gives it (the passthroughs and
     * validation share one raw input). Written once per run; later calls return the same topic.
     */
    static Rig.Input input(BenchContext ctx, Stage stage) {
        Profile p = ctx.profile;
        long records = switch (stage) {
            case ENRICHMENT -> p.enrichmentRecords();
            case WINDOWED_AGGREGATES -> p.aggregatesRecords();
            case PIPELINE -> p.pipelineRecords();
            default -> p.passthroughRecords();
        };
        return ctx.rig().telemetry(stage.input(), records, TopicSet.PARTITIONS);
    }

    static SuiteResult run(BenchContext ctx) {
        Profile p = ctx.profile;
        Rig rig = ctx.rig();
        StreamsSetup prod = production();
        List<Row> rows = new ArrayList<>();
        Map<String, Object> workload = new LinkedHashMap<>();
        ctx.progress("writing the Streams inputs");
        Rig.Input raw = input(ctx, Stage.PASSTHROUGH);
        Rig.Input valid = input(ctx, Stage.ENRICHMENT);
        Rig.Input enriched = input(ctx, Stage.WINDOWED_AGGREGATES);
        Rig.Input pipelineRaw = input(ctx, Stage.PIPELINE);
        List<StageArm> stages = List.of(new StageArm(Stage.PLAIN_PASSTHROUGH, prod, raw),
                new StageArm(Stage.PASSTHROUGH, prod, raw), new StageArm(Stage.VALIDATION, prod, raw),
                new StageArm(Stage.ENRICHMENT, prod, valid), new StageArm(Stage.WINDOWED_AGGREGATES, prod, enriched),
                new StageArm(Stage.PIPELINE, prod, pipelineRaw));
        workload.put("streams settings (all stages)", prod.describe());
        stages.forEach(s -> workload.put("streams " + s.label() + " input", s.input().describe()));

        Trials.Outcome<CatchUp.Run> o = ctx.trials(p.repetitions(), false)
                .run(stages.stream().map(s -> s.arm(rig, s.label())).toList());
        stages.forEach(s -> rows.add(runRow(GROUP, s.label(), s, o, s.label())));
        String passthrough = Stage.PASSTHROUGH.label();
        rows.add(ratioRow(GROUP, passthrough, o, passthrough, Stage.PLAIN_PASSTHROUGH.label()));
        for (StageArm s : stages.subList(2, stages.size())) {
            rows.add(ratioRow(GROUP, s.label(), o, s.label(), passthrough));
        }

        StageArm aggregates = stages.get(4);
        StageArm cacheOff = new StageArm(Stage.WINDOWED_AGGREGATES, prod.withCacheBytes(0L), enriched);
        Trials.Outcome<CatchUp.Run> c = ctx.trials(p.diagnosticRepetitions(), false)
                .run(aggregates.arm(rig, "cache on"), cacheOff.arm(rig, "cache off"));
        rows.add(runRow(CACHE, aggregates.label(), aggregates, c, "cache on"));
        rows.add(runRow(CACHE, aggregates.label(), cacheOff, c, "cache off"));
        rows.add(ratioRow(CACHE, aggregates.label(), c, "cache off", "cache on"));

        ExactlyOnceCost.Setup eos = new ExactlyOnceCost.Setup(Stage.PIPELINE, prod, List.of(prod.commitIntervalMs(), 100L));
        ExactlyOnceCost.Result e = ExactlyOnceCost.measure(rig, eos, pipelineRaw,
                ctx.trials(p.diagnosticRepetitions(), false), RUN_TIMEOUT);
        rows.addAll(e.rows(EXACTLY_ONCE));
        workload.put("exactly-once cost", e.describe());

        RestoreCost.Result r = RestoreCost.measure(rig, p.restoreKeys(), RESTORE_VALUE_BYTES, 1, prod,
                ctx.trials(p.diagnosticRepetitions(), false), RUN_TIMEOUT);
        rows.addAll(r.rows(RESTORE));
        workload.put("restore", r.describe());
        List<String> notes = List.of("Every Streams run is a fresh application in a fresh JVM (" + String.join(" ",
                o.values(passthrough).get(0).jvmFlags()) + "); no unrecorded warm-up run: the broker was warmed by "
                + "the producer suite. Inputs are written once and read by every run.");
        return new SuiteResult(rows, workload, notes);
    }

    private static Row runRow(String group, String name, StageArm s, Trials.Outcome<CatchUp.Run> o, String arm) {
        return Row.of(group, name, arm).param("stage", s.stage().label()).param("settings", s.setup().label())
                .param("records", s.input().records()).param("input", s.input().form().name().toLowerCase())
                .figure("records_per_sec", o.spread(arm, CatchUp.Run::recordsPerSec))
                .figure("seconds", o.spread(arm, CatchUp.Run::seconds))
                .figure("startup_seconds", o.spread(arm, CatchUp.Run::startupSeconds))
                .fact("jvm_flags", String.join(" ", o.values(arm).get(0).jvmFlags()))
                .load(o.load(arm), o.discarded());
    }

    /** {@code a ÷ b} in records/s, paired by round. */
    private static Row ratioRow(String group, String name, Trials.Outcome<CatchUp.Run> o, String a, String b) {
        Ratio r = o.ratio(a, b, CatchUp.Run::recordsPerSec);
        return Row.of(group, name, a + " ÷ " + b).figure("ratio", r.ratios()).fact("noise", r.isNoise())
                .load(o.load(a).max(o.load(b)), o.discarded());
    }
}
