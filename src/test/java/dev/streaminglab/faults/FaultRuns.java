package dev.streaminglab.faults;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one fault experiment from a test, prints its facts and keeps its results: in target/faults/results, or with
 * {@code -Dfaults.update=true} in the committed docs/results/faults that notebook 08 and the deck read.
 */
final class FaultRuns {
    /** What a test runs: the experiment, given its scratch folder. */
    interface Run {
        Row in(Path work) throws Exception;
    }

    private FaultRuns() {
    }

    static Map<String, Object> run(String name, Run experiment) throws Exception {
        RunStamp stamp = RunStamp.start("faults", name);
        Row row = experiment.in(ProcessRun.HOME.resolve("target/faults/" + name));
        System.out.println(name + ": " + row.facts());
        Path out = Boolean.getBoolean("faults.update") ? ProcessRun.HOME.resolve("docs/results/faults")
                : ProcessRun.HOME.resolve("target/faults/results");
        FaultsCommand.save(out, stamp.finished(), List.of(row));
        return row.facts();
    }
}
