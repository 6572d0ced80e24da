package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import java.util.List;
import java.util.stream.Collectors;

/** The catalogue: every experiment, in the order the seminar tells the story. */
public final class Experiments {
    private static final List<Experiment> ALL = List.of(
            new RebalancePause(),
            new StaticMembership(),
            new StandbyFailover(),
            new RestoreTime(),
            new RocksDbMemory(),
            new InMemoryStore(),
            new LateDataGrace(),
            new WindowRetention(),
            new Punctuation(),
            new IdlePartition(),
            new CoPartitioning(),
            new RepartitionCost(),
            new ForeignKeyJoin(),
            new GlobalTableBootstrap(),
            new ExactlyOnceOverhead(),
            new ExactlyOnceSideEffects(),
            new MaxParallelism(),
            new NoAutoscaling(),
            new ApplicationReset(),
            new StoreRename(),
            new QueriesDuringRebalance(),
            new PythonPath(),
            new SingleCluster());

    private Experiments() {
    }

    public static List<Experiment> all() {
        return ALL;
    }

    public static Experiment named(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException("no experiment named '" + name + "': known are "
                        + ALL.stream().map(Experiment::name).collect(Collectors.joining(", "))));
    }
}
