package dev.streaminglab.limits;

import dev.streaminglab.LabHome;
import dev.streaminglab.measure.Results;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue's results on disk, in the kit's one results format: a folder per experiment holding its
 * {@code results.json} and {@code results.csv} (the latest run of that experiment wins), so running one experiment
 * again replaces only its own figures. This checkout's runs go to {@code .work/results/limits/} (git-ignored); the
 * full run the documentation quotes is committed under {@code docs/results/limits/}.
 */
public final class LimitsResults {
    private final Path dir;

    public LimitsResults(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public static LimitsResults atDefault() {
        return new LimitsResults(LabHome.workDir().resolve("results").resolve("limits"));
    }

    /** The full run committed with the kit: what a fresh checkout's notebook and the documentation show. */
    public static LimitsResults committed() {
        return new LimitsResults(LabHome.requireCheckout().resolve("docs").resolve("results").resolve("limits"));
    }

    public Path dir() {
        return dir;
    }

    /** Writes an experiment's results into its folder; returns the folder. */
    public Path write(String experiment, Results results) {
        Path folder = dir.resolve(experiment);
        results.write(folder);
        return folder;
    }

    public Optional<Evidence> read(String experiment) {
        Path folder = dir.resolve(experiment);
        return Results.existIn(folder)
                ? Optional.of(new Evidence(Catalogue.named(experiment).about(), Results.read(folder)))
                : Optional.empty();
    }

    /** The stored results in catalogue order (experiments never run are left out). */
    public List<Evidence> readAll() {
        List<Evidence> out = new ArrayList<>();
        Catalogue.all().forEach(e -> read(e.about().name()).ifPresent(out::add));
        return out;
    }

    /** Per experiment, this checkout's latest run if there is one, else the committed one. */
    public static List<Evidence> latest() {
        LimitsResults local = atDefault();
        LimitsResults committed = committed();
        List<Evidence> out = new ArrayList<>();
        for (Experiment e : Catalogue.all()) {
            String name = e.about().name();
            local.read(name).or(() -> committed.read(name)).ifPresent(out::add);
        }
        return out;
    }
}
