package dev.streaminglab.costs;

import dev.streaminglab.measure.Ratio;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.measure.Trials;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What exactly-once costs, measured one way wherever the kit asks (the benchmark, the limits catalogue): the same
 * stage on the same input, at-least-once against exactly-once v2 at the same commit interval (and at any other
 * intervals asked for), each run timed by {@link CatchUp} from start to the last committed offset, the arms taking
 * turns as {@link Trials} orders them. Time, not only throughput: under exactly-once a reader sees results at
 * commits, so the last transaction is part of the cost.
 */
public final class ExactlyOnceCost {
    /**
     * @param base the at-least-once arm's settings (its guarantee is replaced); exactly-once runs with the same
     *     settings at its own commit interval
     * @param exactlyOnceCommitMs commit intervals of the exactly-once arms (base's interval first for a like-for-like
     *     comparison; 100 ms is exactly-once's default)
     */
    public record Setup(Stage stage, StreamsSetup base, List<Long> exactlyOnceCommitMs) {
        public StreamsSetup atLeastOnce() {
            return base.withGuarantee(Guarantee.AT_LEAST_ONCE);
        }

        public List<StreamsSetup> exactlyOnce() {
            return exactlyOnceCommitMs.stream()
                    .map(ms -> base.withGuarantee(Guarantee.EXACTLY_ONCE_V2).withCommitInterval(ms)).toList();
        }
    }

    /** Every run kept, by arm (a setup's label), and the time each exactly-once arm took ÷ at-least-once's. */
    public record Result(Setup setup, Rig.Input input, Trials.Outcome<CatchUp.Run> outcome) {
        public Spread seconds(StreamsSetup arm) {
            return outcome.spread(arm.label(), CatchUp.Run::seconds);
        }

        /** Paired by round: exactly-once's time ÷ at-least-once's; above 1 is the overhead. */
        public Ratio timeRatio(StreamsSetup exactlyOnce) {
            return outcome.ratio(exactlyOnce.label(), setup.atLeastOnce().label(), CatchUp.Run::seconds);
        }

        /** One row per arm (time, throughput, start-up), then one per exactly-once arm with its time ratio. */
        public List<Row> rows(String group) {
            List<Row> rows = new ArrayList<>();
            List<StreamsSetup> arms = new ArrayList<>(List.of(setup.atLeastOnce()));
            arms.addAll(setup.exactlyOnce());
            for (StreamsSetup arm : arms) {
                rows.add(Row.of(group, setup.stage().label(), arm.label()).param("guarantee", arm.guarantee().config)
                        .param("commit_interval_ms", arm.commitIntervalMs()).param("records", input.records())
                        .figure("seconds", seconds(arm))
                        .figure("records_per_sec", outcome.spread(arm.label(), CatchUp.Run::recordsPerSec))
                        .figure("startup_seconds", outcome.spread(arm.label(), CatchUp.Run::startupSeconds))
                        .fact("jvm_flags", String.join(" ", outcome.values(arm.label()).get(0).jvmFlags()))
                        .load(outcome.load(arm.label()), outcome.discarded()));
            }
            for (StreamsSetup eos : setup.exactlyOnce()) {
                Ratio r = timeRatio(eos);
                rows.add(Row.of(group, setup.stage().label(), eos.label() + " ÷ " + setup.atLeastOnce().label())
                        .param("commit_interval_ms", eos.commitIntervalMs()).figure("time_ratio", r.ratios())
                        .fact("noise", r.isNoise()).load(outcome.load(eos.label()), outcome.discarded()));
            }
            return rows;
        }

        /** What ran, as a workload description prints it. */
        public Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("stage", setup.stage().label());
            d.put("input", input.describe());
            d.put("settings", setup.base().describe());
            d.put("exactly-once commit intervals (ms)", setup.exactlyOnceCommitMs());
            return d;
        }
    }

    private ExactlyOnceCost() {
    }

    /** Runs every arm over {@code input} as {@code trials} orders them (each run a fresh application and JVM). */
    public static Result measure(Rig rig, Setup setup, Rig.Input input, Trials trials, Duration timeout) {
        List<Trials.Arm<CatchUp.Run>> arms = new ArrayList<>();
        arms.add(new Trials.Arm<>(setup.atLeastOnce().label(),
                () -> CatchUp.run(rig, setup.stage(), setup.atLeastOnce(), input, timeout)));
        for (StreamsSetup eos : setup.exactlyOnce()) {
            arms.add(new Trials.Arm<>(eos.label(), () -> CatchUp.run(rig, setup.stage(), eos, input, timeout)));
        }
        return new Result(setup, input, trials.run(arms));
    }
}
