package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.measure.Trials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where experiments run: the cluster, the mode, the trials every arm goes through (repetitions in a seeded random
 * order, load sampled per run, disturbed runs redone), and a second local cluster for the experiments that need
 * one (started on first use, stopped with the lab). {@link #run} turns an experiment into a results file.
 */
public final class Lab implements AutoCloseable {
    /** One run of an arm, in a workbench of its own. */
    @FunctionalInterface
    public interface Run {
        Take run(Workbench bench) throws Exception;
    }

    /** The row name of an experiment that measures one case (its arms are the variants). */
    public static final String RUN = "run";

    private final KafkaConnection kafka;
    private final Mode mode;
    private final long seed;
    private final Set<Long> alsoOurs;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> workload = new LinkedHashMap<>();
    private Consumer<String> progress = step -> { };
    private SecondCluster second;
    private String experiment = "lab";
    private List<String> armOrder = List.of();

    /**
     * @param alsoOurs pids of a cluster started outside this JVM that the runs use, so its CPU does not count as
     *     outside load
     */
    public Lab(KafkaConnection kafka, Mode mode, long seed, Set<Long> alsoOurs) {
        this.kafka = kafka;
        this.mode = mode;
        this.seed = seed;
        this.alsoOurs = Set.copyOf(alsoOurs);
    }

    public KafkaConnection kafka() {
        return kafka;
    }

    public Mode mode() {
        return mode;
    }

    /** Told "experiment: arm round/rounds" before each run, for a progress bar. */
    public Lab onEachRun(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** Runs an experiment and returns its results: rows, the run's stamp, its workload and notes. */
    public Results run(Experiment e) {
        experiment = e.about().name();
        notes.clear();
        workload.clear();
        RunStamp stamp = RunStamp.start("limits", mode.label());
        List<Row> rows = e.measure(this);
        workload.put("experiment", experiment);
        workload.put("setup", e.about().setup());
        workload.put("repetitions", mode.repetitions());
        workload.put("warmUp", mode.warmUp());
        workload.put("order", "randomized, seed " + seed);
        workload.put("loadGuard", mode.guard());
        Results results = new Results(stamp.finished(), workload, rows, notes);
        // Read the finding now: results that lack what the report needs fail here, not in a notebook later.
        e.read(new Evidence(e.about(), results));
        return results;
    }

    /** An arm whose every run gets a fresh workbench (topics, application ids, state), cleaned up after it. */
    public Trials.Arm<Take> arm(String name, Run run) {
        return arm(name, () -> kafka, run);
    }

    /** The same, on the lab's second cluster. */
    public Trials.Arm<Take> armOnSecondCluster(String name, Run run) {
        return arm(name, () -> secondCluster().kafka(), run);
    }

    private Trials.Arm<Take> arm(String name, Supplier<KafkaConnection> where, Run run) {
        String of = experiment;
        return new Trials.Arm<>(name, () -> {
            try (Workbench bench = new Workbench(where.get(), of)) {
                return run.run(bench);
            } catch (LabException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("experiment " + of + " was interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException("experiment " + of + ", arm " + name + " failed: " + e, e);
            }
        });
    }

    /** Runs the arms: warm-up (full mode), repetitions in a seeded random order, load sampled, busy runs redone. */
    @SafeVarargs
    public final Trials.Outcome<Take> trials(Trials.Arm<Take>... arms) {
        return trials(List.of(arms));
    }

    public Trials.Outcome<Take> trials(List<Trials.Arm<Take>> arms) {
        armOrder = arms.stream().map(Trials.Arm::name).toList();
        return trials().run(arms);
    }

    /** The trials as this lab runs them, for measurements that make their own rows (the costs package's). */
    public Trials trials() {
        return new Trials(mode.repetitions(), mode.warmUp(), Trials.Order.RANDOMIZED, mode.guard(), alsoOurs, seed)
                .onEachRun(step -> progress.accept(experiment + ": " + step));
    }

    /** Adds to the workload the results file prints beside the figures. */
    public void workload(String key, Object description) {
        workload.put(key, description);
    }

    /** A scratch folder of this experiment (child JVMs' specs, logs and state), under the work folder. */
    public Path workDir() {
        return LabHome.workDir().resolve("limits-work").resolve(experiment);
    }

    /**
     * One row per arm: figures become spreads over the kept runs, facts must agree between runs (a fact that
     * differs is kept as the list of its values and named in the notes), load is the busiest run's.
     */
    public List<Row> rows(Trials.Outcome<Take> outcome, Function<String, Row> rowFor) {
        // Rows in the order the experiment listed its arms, whatever order they ran in.
        Set<String> arms = new LinkedHashSet<>(armOrder);
        outcome.trials().forEach(t -> arms.add(t.arm()));
        List<Row> rows = new ArrayList<>();
        for (String arm : arms) {
            List<Take> takes = outcome.values(arm);
            Row row = rowFor.apply(arm);
            for (String f : takes.get(0).figures().keySet()) {
                row = row.figure(f, Spread.of(takes.stream().map(t -> t.figures().get(f)).toList()));
            }
            for (String f : takes.get(0).facts().keySet()) {
                List<Object> values = takes.stream().map(t -> t.facts().get(f)).toList();
                boolean same = values.stream().allMatch(v -> Objects.equals(v, values.get(0)));
                row = row.fact(f, same ? values.get(0) : values);
                if (!same) {
                    notes.add(row.name() + "/" + arm + ": fact '" + f + "' differed between runs: " + values);
                }
            }
            long disturbed = outcome.trials().stream().filter(t -> t.arm().equals(arm) && t.disturbed()).count();
            if (disturbed > 0) {
                notes.add(row.name() + "/" + arm + ": " + disturbed + " run(s) kept although the machine was busy "
                        + "(redone " + mode.guard().maxRedos() + " times)");
            }
            rows.add(row.load(outcome.load(arm), outcome.discarded()));
        }
        return rows;
    }

    /** One row per arm, named {@link #RUN}, the arm as the row's arm. */
    public List<Row> rows(Trials.Outcome<Take> outcome) {
        return rows(outcome, arm -> Row.of(experiment, RUN, arm));
    }

    /** A note for the results file: something a reader of the figures must know. */
    public void note(String text) {
        notes.add(text);
    }

    /** A second local cluster on free ports, started on first use: a cluster the Streams application cannot reach. */
    public synchronized SecondCluster secondCluster() {
        if (second == null) {
            second = SecondCluster.start();
        }
        return second;
    }

    @Override
    public synchronized void close() {
        if (second != null) {
            second.close();
            second = null;
        }
    }
}
