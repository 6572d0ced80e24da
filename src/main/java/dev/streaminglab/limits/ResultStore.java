package dev.streaminglab.limits;

import dev.streaminglab.LabHome;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Findings on disk, one JSON file per experiment ({@code NAME.json}, the latest run wins), in the results
 * folder the benchmarks use too: {@code .work/results/limits/} (git-ignored) unless told otherwise.
 */
public final class ResultStore {
    private final Path dir;

    public ResultStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public static Path defaultDir() {
        return LabHome.workDir().resolve("results").resolve("limits");
    }

    /**
     * The findings of the full run on the reference machine, committed under docs/results/limits, so a fresh
     * checkout's notebook shows measured figures without running every experiment first.
     */
    public static ResultStore committed() {
        return new ResultStore(LabHome.requireCheckout().resolve("docs").resolve("results").resolve("limits"));
    }

    public static ResultStore atDefault() {
        return new ResultStore(defaultDir());
    }

    public Path dir() {
        return dir;
    }

    public Path write(Finding f) {
        Path file = dir.resolve(f.experiment() + ".json");
        try {
            Files.createDirectories(dir);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Optional<Finding> read(String experiment) {
        Path file = dir.resolve(experiment + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), Finding.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The stored findings in catalogue order (experiments never run are left out). */
    public List<Finding> readAll() {
        List<Finding> out = new ArrayList<>();
        Experiments.all().forEach(e -> read(e.name()).ifPresent(out::add));
        return out;
    }
}
