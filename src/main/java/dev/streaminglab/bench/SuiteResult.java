package dev.streaminglab.bench;

import dev.streaminglab.measure.Row;
import java.util.List;
import java.util.Map;

/** What a suite gives the run: its rows, its workload described as data (printed in the report), its notes. */
record SuiteResult(List<Row> rows, Map<String, Object> workload, List<String> notes) {
    SuiteResult {
        rows = List.copyOf(rows);
        workload = Map.copyOf(workload);
        notes = List.copyOf(notes);
    }
}
