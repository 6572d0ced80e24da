package dev.streaminglab.limits;

import dev.streaminglab.measure.Row;
import java.util.List;
import java.util.Optional;

/**
 * One experiment of the limits catalogue: a question an architect asks about Kafka Streams, answered by running
 * small topologies against a real cluster. An experiment is a value: {@link #about()} says what it is, its
 * topologies are methods of their own (tested with {@code TopologyTestDriver} where they have one), {@link #measure}
 * runs its arms through {@link Lab#trials} and returns result rows, and {@link #read} turns those rows, read back
 * from the results file, into the verdict and the line the catalogue quotes.
 */
public interface Experiment {
    About about();

    /** Runs every arm of the experiment; each run works in a fresh {@link Workbench}. */
    List<Row> measure(Lab lab);

    /** The verdict and the quoted line, read from the results (never from a figure typed by hand). */
    Finding read(Evidence evidence);

    /** The figures the catalogue charts for each result row, if they are worth a chart. */
    default Optional<ChartSpec> chart() {
        return Optional.empty();
    }

    /** Which figures to draw as bars (median, whiskers over min–max) for every row that has them; one axis. */
    record ChartSpec(String axis, List<String> figures) {
        public ChartSpec(String axis, String figure) {
            this(axis, List.of(figure));
        }
    }
}
