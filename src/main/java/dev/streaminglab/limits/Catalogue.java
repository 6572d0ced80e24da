package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import dev.streaminglab.chart.Charts;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.Row;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The catalogue: every experiment, in the order the seminar tells the story, and the ways to show it (a table row
 * and a chart per experiment) from results on disk or, where there are none, from a quick run made now.
 */
public final class Catalogue {
    private static final List<Experiment> ALL = List.of(
            new RebalancePause(),
            new StaticMembership(),
            new ProtocolSupport(),
            new StandbyFailover(),
            new RestoreTime(),
            new ExactlyOnceCrash(),
            new RocksDbMemory(),
            new InMemoryStore(),
            new LateDataGrace(),
            new WindowRetention(),
            new OldEventTimes(),
            new FutureTimestamps(),
            new Punctuation(),
            new IdlePartition(),
            new Suppression(),
            new CoPartitioning(),
            new RepartitionCost(),
            new ForeignKeyJoin(),
            new GlobalTableBootstrap(),
            new ExactlyOnceOverhead(),
            new ExactlyOnceSideEffects(),
            new NoDeduplication(),
            new ErrorHandlers(),
            new MaxParallelism(),
            new PartitionCount(),
            new NoAutoscaling(),
            new ApplicationReset(),
            new StoreRename(),
            new QueriesDuringRebalance(),
            new QueryRouting(),
            new PythonPath(),
            new SingleCluster());

    private Catalogue() {
    }

    public static List<Experiment> all() {
        return ALL;
    }

    public static Experiment named(String name) {
        return ALL.stream().filter(e -> e.about().name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException("no experiment named '" + name + "': known are "
                        + ALL.stream().map(e -> e.about().name()).collect(Collectors.joining(", "))));
    }

    public static Finding finding(Evidence evidence) {
        return named(evidence.about().name()).read(evidence);
    }

    /**
     * This checkout's latest results of an experiment, else the committed full run, else a quick run made now (and
     * stored for next time).
     */
    public static Evidence latestOrQuick(KafkaConnection kafka, String experiment) {
        LimitsResults local = LimitsResults.atDefault();
        return local.read(experiment).or(() -> LimitsResults.committed().read(experiment)).orElseGet(() -> {
            Experiment e = named(experiment);
            try (Lab lab = new Lab(kafka, Mode.QUICK, System.nanoTime(), LocalCluster.pidsServing(kafka))) {
                var results = lab.run(e);
                local.write(experiment, results);
                return new Evidence(e.about(), results);
            }
        });
    }

    /** One row per experiment: capability, verdict, what was measured and what the remedy's demonstration showed. */
    public static Table table(List<Evidence> results) {
        List<Finding> findings = results.stream().map(Catalogue::finding).toList();
        return Table.create("Kafka Streams limits",
                StringColumn.create("capability", results.stream().map(r -> r.about().capability())),
                StringColumn.create("verdict", findings.stream().map(f -> f.verdict().label())),
                StringColumn.create("measured", findings.stream().map(Finding::measured)),
                StringColumn.create("demonstrated", findings.stream().map(Finding::demonstrated)),
                StringColumn.create("mode", results.stream().map(Evidence::mode)));
    }

    /** The experiment's charted figures for each result row: bars at the medians, whiskers over min–max. */
    public static CategoryChart chart(Evidence evidence) {
        Experiment.ChartSpec spec = named(evidence.about().name()).chart().orElseThrow(() ->
                new IllegalArgumentException(evidence.about().name() + " has no chart: its findings are facts"));
        CategoryChart chart = Charts.bars(evidence.about().capability(), "", spec.axis());
        for (String figure : spec.figures()) {
            List<Row> rows = evidence.rows().stream().filter(r -> r.figures().containsKey(figure)).toList();
            Charts.addBars(chart, figure, rows.stream().map(Catalogue::label).toList(),
                    rows.stream().map(r -> r.require(figure).median()).toList(),
                    rows.stream().map(r -> r.require(figure).min()).toList(),
                    rows.stream().map(r -> r.require(figure).max()).toList());
        }
        chart.getStyler().setLegendVisible(spec.figures().size() > 1);
        return chart;
    }

    /** "name · arm", leaving out a part that says nothing ("run"). */
    static String label(Row r) {
        return r.name().equals(Lab.RUN) ? r.arm() : r.arm().isEmpty() ? r.name() : r.name() + " · " + r.arm();
    }
}
