package dev.streaminglab.bench;

import dev.streaminglab.LabHome;
import dev.streaminglab.measure.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * Where benchmark runs are kept: {@code .work/results/bench/<time>-<profile>/} of the checkout (git-ignored), with
 * {@code latest/} a copy of the newest, and the full run committed under {@code docs/results/bench} so a fresh
 * checkout's notebook and deck show measured figures. A run's folder holds results.json and results.csv (the one
 * results format of {@code measure}), report.md and the charts.
 */
public final class Runs {
    public static final String LATEST = "latest";
    public static final String REPORT = "report.md";

    private Runs() {
    }

    public static Path defaultRoot() {
        return LabHome.workDir().resolve("results").resolve("bench");
    }

    public static Path committed() {
        return LabHome.requireCheckout().resolve("docs").resolve("results").resolve("bench");
    }

    public static Optional<Results> latest(Path root) {
        Path latest = root.resolve(LATEST);
        return Results.existIn(latest) ? Optional.of(Results.read(latest)) : Optional.empty();
    }

    /** This checkout's newest run, else the committed full run, else a quick run made now (a fresh clone). */
    public static Results latestOrCommitted() {
        return latest(defaultRoot())
                .or(() -> Results.existIn(committed()) ? Optional.of(Results.read(committed())) : Optional.empty())
                .orElseGet(() -> BenchRunner.run(BenchRunner.Options.quick()).results());
    }

    /** The folder a results object was read from: latest, else the committed run. */
    public static Path folderOf(Results r) {
        Path latest = defaultRoot().resolve(LATEST);
        return Results.existIn(latest) && Results.read(latest).stamp().equals(r.stamp()) ? latest : committed();
    }

    /** Replaces root/latest with a copy of this run, so readers find the newest in one place. */
    static void copyToLatest(Path run) {
        Path latest = run.getParent().resolve(LATEST);
        try {
            FileUtils.deleteDirectory(latest.toFile());
            Files.createDirectories(latest);
            try (Stream<Path> files = Files.list(run)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
