package dev.streaminglab.bench;

import java.util.List;
import java.util.function.Supplier;

/** One unit of a run, as the progress bar counts it: a named action yielding its result rows. */
record BenchStep(String suite, String name, Supplier<List<Measurement>> action) {
}
