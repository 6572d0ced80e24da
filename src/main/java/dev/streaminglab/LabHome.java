package dev.streaminglab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the kit's checkout and its git-ignored work folder are. Scripts, notebooks and tests run from
 * different folders, so the checkout is found from {@code lab.home}/{@code LAB_HOME} or by walking up
 * from the current folder to the directory that holds the {@code lab} script.
 */
public final class LabHome {
    private LabHome() {
    }

    public static Optional<Path> checkout() {
        String explicit = System.getProperty("lab.home", System.getenv("LAB_HOME"));
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The checkout, or a clear error when the caller runs outside of it. */
    public static Path requireCheckout() {
        return checkout().orElseThrow(() -> new LabException(
                "cannot find the kit's checkout from " + Path.of("").toAbsolutePath()
                        + ": run from inside it or set LAB_HOME to its folder"));
    }

    /** Git-ignored state: cluster data, JBang cache, kernel. Outside a checkout: ~/.streaming-lab. */
    public static Path workDir() {
        String explicit = System.getenv("LAB_WORK");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return checkout().map(p -> p.resolve(".work"))
                .orElse(Path.of(System.getProperty("user.home"), ".streaming-lab"));
    }
}
