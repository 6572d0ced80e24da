package dev.streaminglab.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Runs the arms of a comparison (the tool and the kit, classic and streams protocol, ...) as a benchmark should:
 * each arm once unrecorded to warm up, then {@code repetitions} rounds in which every arm runs once, in an order
 * that alternates from round to round (A B, B A, A B ...) or is shuffled with a fixed seed, so neither side always
 * runs first on a cooling or warming machine. The machine is sampled during every run ({@link LoadSampler}); a run
 * disturbed by outside load ({@link LoadGuard}) is thrown away and redone, and counted.
 */
public final class Trials {
    /** How the arms take turns within a round. */
    public enum Order { ALTERNATING, RANDOMIZED }

    /**
     * One side of the comparison: a name and what one run of it does and returns, given the run's sampler (to
     * {@link LoadSampler#follow} a program the run starts).
     */
    public record Arm<T>(String name, Function<LoadSampler, T> body) {
        /** An arm whose runs need nothing from the sampler. */
        public Arm(String name, Supplier<T> run) {
            this(name, sampler -> run.get());
        }

        public T run(LoadSampler sampler) {
            return body.apply(sampler);
        }
    }

    /** One recorded run: which arm, in which round and position, what it returned and what the machine did. */
    public record Trial<T>(String arm, int round, int position, T value, LoadSummary load, boolean disturbed) {
    }

    /** What a comparison gave: every kept run, and how many runs were thrown away for outside load. */
    public record Outcome<T>(List<Trial<T>> trials, int discarded) {
        public List<T> values(String arm) {
            return trials.stream().filter(t -> t.arm().equals(arm)).map(Trial::value).toList();
        }

        public Spread spread(String arm, ToDoubleFunction<T> figure) {
            return Spread.of(values(arm).stream().map(figure::applyAsDouble).toList());
        }

        /** Each round's {@code a ÷ b}, so both sides of a pair ran minutes apart at most. */
        public Ratio ratio(String a, String b, ToDoubleFunction<T> figure) {
            return Ratio.paired(a, values(a).stream().map(figure::applyAsDouble).toList(), b,
                    values(b).stream().map(figure::applyAsDouble).toList());
        }

        /** The busiest sample of an arm's runs. */
        public LoadSummary load(String arm) {
            return trials.stream().filter(t -> t.arm().equals(arm)).map(Trial::load)
                    .reduce(LoadSummary.NONE, LoadSummary::max);
        }

        public boolean anyDisturbed() {
            return trials.stream().anyMatch(Trial::disturbed);
        }
    }

    private final int repetitions;
    private final boolean warmUp;
    private final Order order;
    private final LoadGuard guard;
    private final Set<Long> alsoOurs;
    private final long seed;
    private Consumer<String> progress = step -> { };

    /**
     * @param alsoOurs pids outside this JVM's process tree that are part of the measurement (a cluster that was
     *     already running), so their CPU does not count as outside load
     */
    public Trials(int repetitions, boolean warmUp, Order order, LoadGuard guard, Set<Long> alsoOurs, long seed) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("at least one repetition (got " + repetitions + ")");
        }
        this.repetitions = repetitions;
        this.warmUp = warmUp;
        this.order = order;
        this.guard = guard;
        this.alsoOurs = Set.copyOf(alsoOurs);
        this.seed = seed;
    }

    /** Told "arm round/rounds" before each run, for a progress bar. */
    public Trials onEachRun(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** Runs that {@link #run} will make, warm-ups included (redos not counted): the size of a progress bar. */
    public int plannedRuns(int arms) {
        return arms * (repetitions + (warmUp ? 1 : 0));
    }

    @SafeVarargs
    public final <T> Outcome<T> run(Arm<T>... arms) {
        return run(List.of(arms));
    }

    public <T> Outcome<T> run(List<Arm<T>> arms) {
        if (warmUp) {
            arms.forEach(a -> {
                progress.accept(a.name() + " warm-up");
                try (LoadSampler sampler = LoadSampler.start(alsoOurs)) {
                    a.run(sampler);
                }
            });
        }
        Random shuffle = new Random(seed);
        List<Trial<T>> kept = new ArrayList<>();
        int discarded = 0;
        for (int round = 0; round < repetitions; round++) {
            List<Arm<T>> turn = new ArrayList<>(arms);
            if (order == Order.RANDOMIZED) {
                Collections.shuffle(turn, shuffle);
            } else if (round % 2 == 1) {
                Collections.reverse(turn);
            }
            for (int position = 0; position < turn.size(); position++) {
                Arm<T> arm = turn.get(position);
                for (int attempt = 0; ; attempt++) {
                    progress.accept(arm.name() + " " + (round + 1) + "/" + repetitions);
                    T value;
                    LoadSummary load;
                    try (LoadSampler sampler = LoadSampler.start(alsoOurs)) {
                        value = arm.run(sampler);
                        load = sampler.stop();
                    }
                    boolean disturbed = guard.disturbed(load);
                    if (disturbed && attempt < guard.maxRedos()) {
                        discarded++;
                        continue;
                    }
                    kept.add(new Trial<>(arm.name(), round, position, value, load, disturbed));
                    break;
                }
            }
        }
        return new Outcome<>(List.copyOf(kept), discarded);
    }
}
